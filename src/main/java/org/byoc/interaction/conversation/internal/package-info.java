@NullMarked
package org.byoc.interaction.conversation.internal;

import org.jspecify.annotations.NullMarked;
