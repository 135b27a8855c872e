package org.byoc.archfixture.outbound;

/** A legitimate outbound type that conversation may use. */
public record FixtureEvent(String payload) {
}
