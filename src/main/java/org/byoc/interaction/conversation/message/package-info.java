@NullMarked
package org.byoc.interaction.conversation.message;

import org.jspecify.annotations.NullMarked;
