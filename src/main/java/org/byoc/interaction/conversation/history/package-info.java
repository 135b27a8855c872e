@NullMarked
package org.byoc.interaction.conversation.history;

import org.jspecify.annotations.NullMarked;
