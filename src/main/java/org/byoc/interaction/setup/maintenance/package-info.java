@NullMarked
package org.byoc.interaction.setup.maintenance;

import org.jspecify.annotations.NullMarked;
