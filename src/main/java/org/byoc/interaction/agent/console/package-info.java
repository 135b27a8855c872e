@NullMarked
package org.byoc.interaction.agent.console;

import org.jspecify.annotations.NullMarked;
