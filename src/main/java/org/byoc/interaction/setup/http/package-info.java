@NullMarked
package org.byoc.interaction.setup.http;

import org.jspecify.annotations.NullMarked;
