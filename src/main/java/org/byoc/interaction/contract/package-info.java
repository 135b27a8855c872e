@NullMarked
package org.byoc.interaction.contract;

import org.jspecify.annotations.NullMarked;
