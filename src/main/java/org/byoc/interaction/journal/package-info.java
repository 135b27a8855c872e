@NullMarked
package org.byoc.interaction.journal;

import org.jspecify.annotations.NullMarked;
