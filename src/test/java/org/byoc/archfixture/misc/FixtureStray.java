package org.byoc.archfixture.misc;

/** Lives in a package that is no module (ModuleBoundariesTest). */
public class FixtureStray {
}
