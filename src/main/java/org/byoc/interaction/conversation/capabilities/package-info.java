@NullMarked
package org.byoc.interaction.conversation.capabilities;

import org.jspecify.annotations.NullMarked;
