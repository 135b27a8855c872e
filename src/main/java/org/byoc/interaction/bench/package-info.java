@NullMarked
package org.byoc.interaction.bench;

import org.jspecify.annotations.NullMarked;
