@NullMarked
package org.byoc.interaction.routing.internal;

import org.jspecify.annotations.NullMarked;
