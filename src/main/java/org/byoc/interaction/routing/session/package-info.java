@NullMarked
package org.byoc.interaction.routing.session;

import org.jspecify.annotations.NullMarked;
