@NullMarked
package org.byoc.interaction.conversation.proactive;

import org.jspecify.annotations.NullMarked;
