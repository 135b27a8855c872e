@NullMarked
package org.byoc.archfixture.routing;

import org.jspecify.annotations.NullMarked;
