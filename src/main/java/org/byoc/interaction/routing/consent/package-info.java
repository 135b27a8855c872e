@NullMarked
package org.byoc.interaction.routing.consent;

import org.jspecify.annotations.NullMarked;
