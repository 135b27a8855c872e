@NullMarked
package org.byoc.interaction.outbound;

import org.jspecify.annotations.NullMarked;
