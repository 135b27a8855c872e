@NullMarked
package org.byoc.interaction.pubsub;

import org.jspecify.annotations.NullMarked;
