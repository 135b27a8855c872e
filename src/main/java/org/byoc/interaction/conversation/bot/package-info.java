@NullMarked
package org.byoc.interaction.conversation.bot;

import org.jspecify.annotations.NullMarked;
