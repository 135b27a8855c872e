@NullMarked
package org.byoc.interaction.routing.work;

import org.jspecify.annotations.NullMarked;
