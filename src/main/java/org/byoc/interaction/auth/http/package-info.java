@NullMarked
package org.byoc.interaction.auth.http;

import org.jspecify.annotations.NullMarked;
