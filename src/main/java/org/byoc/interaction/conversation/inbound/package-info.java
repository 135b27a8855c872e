@NullMarked
package org.byoc.interaction.conversation.inbound;

import org.jspecify.annotations.NullMarked;
