@NullMarked
package org.byoc.interaction.routing.presence;

import org.jspecify.annotations.NullMarked;
