@NullMarked
package org.byoc.interaction.agent;

import org.jspecify.annotations.NullMarked;
