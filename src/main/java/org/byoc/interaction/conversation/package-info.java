@NullMarked
package org.byoc.interaction.conversation;

import org.jspecify.annotations.NullMarked;
