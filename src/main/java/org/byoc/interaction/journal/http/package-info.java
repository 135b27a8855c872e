/** The test kit's servlet plumbing: reading which conversation a call names before the service acts. */
@NullMarked
package org.byoc.interaction.journal.http;

import org.jspecify.annotations.NullMarked;
