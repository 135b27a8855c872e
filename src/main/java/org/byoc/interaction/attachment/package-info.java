@NullMarked
package org.byoc.interaction.attachment;

import org.jspecify.annotations.NullMarked;
