@NullMarked
package org.byoc.interaction.conversation.receipts;

import org.jspecify.annotations.NullMarked;
