@NullMarked
package org.byoc.interaction.setup.document;

import org.jspecify.annotations.NullMarked;
