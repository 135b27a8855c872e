@NullMarked
package org.byoc.interaction.routing;

import org.jspecify.annotations.NullMarked;
