@NullMarked
package org.byoc.interaction;

import org.jspecify.annotations.NullMarked;
