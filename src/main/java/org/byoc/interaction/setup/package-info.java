@NullMarked
package org.byoc.interaction.setup;

import org.jspecify.annotations.NullMarked;
