package org.byoc.interaction.routing.consent;

/** An end user's messaging consent on a channel address (contract §B3). */
public enum ConsentStatus {

	OptedOut, ImplicitlyOptedIn, ExplicitlyOptedIn, DoublyOptedIn

}
