package org.byoc.archfixture.contract;

/** Stands for the API caller, which only controllers may take (ModuleBoundariesTest). */
public record ApiCaller(String orgId) {

}
