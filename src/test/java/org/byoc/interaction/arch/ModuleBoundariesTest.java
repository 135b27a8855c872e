package org.byoc.interaction.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the design's module arrows true for the service, and proves on a deliberately broken fixture
 * (org.byoc.archfixture, test code) that each rule really fails on a forbidden dependency.
 */
class ModuleBoundariesTest {

	static final String SERVICE = "org.byoc.interaction";

	static final String FIXTURE = "org.byoc.archfixture";

	static final JavaClasses SERVICE_CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(SERVICE);

	static final JavaClasses FIXTURE_CLASSES = new ClassFileImporter().importPackages(FIXTURE);

	@Test
	void whenTheServiceIsCheckedThenEveryDependencyFollowsTheArrows() {
		assertThat(SERVICE_CLASSES).isNotEmpty();
		List<String> failures = new ArrayList<>();
		for (ArchRule rule : ModuleBoundaries.all(SERVICE)) {
			EvaluationResult result = rule.evaluate(SERVICE_CLASSES);
			if (result.hasViolation()) {
				failures.add(result.getFailureReport().toString());
			}
		}
		assertThat(failures).as(String.join("\n", failures)).isEmpty();
	}

	@Test
	void whenSetupDependsOnAnotherModuleThenTheArrowsRuleFails() {
		String report = violations(ModuleBoundaries.arrows(FIXTURE));

		assertThat(report).contains("setup.FixtureOrg").contains("conversation.FixtureConversation");
	}

	@Test
	void whenOutboundKnowsConversationsThenTheArrowsRuleFails() {
		String report = violations(ModuleBoundaries.arrows(FIXTURE));

		assertThat(report).contains("outbound.FixturePublisher");
	}

	@Test
	void whenAModuleUsesOnlyAllowedArrowsThenItIsNotReported() {
		// FixtureConversation uses outbound.FixtureEvent, an allowed arrow: no violation may start in conversation
		assertThat(FIXTURE_CLASSES.get(FIXTURE + ".conversation.FixtureConversation").getDirectDependenciesFromSelf())
			.anyMatch((dependency) -> dependency.getTargetClass().getName().endsWith("outbound.FixtureEvent"));

		String report = violations(ModuleBoundaries.arrows(FIXTURE));

		assertThat(report.lines()).anyMatch(startsIn("setup")).noneMatch(startsIn("conversation"));
	}

	/** A violation line names its origin first: "Method <org.byoc.archfixture.setup.FixtureOrg...> calls ...". */
	private static java.util.function.Predicate<String> startsIn(String module) {
		return (line) -> line.matches("\\w+ <" + FIXTURE.replace(".", "\\.") + "\\." + module + "\\..*");
	}

	@Test
	void whenAClassSitsOutsideEveryModuleThenTheArrowsRuleFails() {
		String report = violations(ModuleBoundaries.arrows(FIXTURE));

		assertThat(report).contains("misc.FixtureStray");
	}

	@Test
	void whenDomainCodeUsesServletTypesThenTheTransportRuleFailsButControllersMay() {
		String report = violations(ModuleBoundaries.domainUsesNoTransportTypes(FIXTURE));

		assertThat(report).contains("routing.FixtureRouter").doesNotContain("FixtureRoutingController");
	}

	@Test
	void whenAModuleReachesIntoAnotherModulesInternalThenTheFacesRuleFailsButTheModuleItselfMay() {
		String report = violations(ModuleBoundaries.noReachingIntoAnotherModulesInternals(FIXTURE));

		assertThat(report).contains("routing.FixtureRoutingService").doesNotContain("FixtureConversation");
	}

	@Test
	void whenAServiceTakesBytesAStreamOrTheApiCallerThenTheTypedEntriesRuleFailsButControllersMay() {
		String report = violations(ModuleBoundaries.serviceEntriesAreTyped(FIXTURE, Set.of()));

		assertThat(report).contains("FixtureRoutingService.accept([B)")
			.contains("FixtureRoutingService.read(java.io.InputStream)")
			.contains("FixtureRoutingService.route(org.byoc.archfixture.contract.ApiCaller")
			.doesNotContain("typed(")
			.doesNotContain("FixtureRoutingController");
	}

	@Test
	void whenAControllerAnswersWithAMapThenTheRecordsRuleFailsButRecordsPass() {
		String report = violations(ModuleBoundaries.controllersAnswerWithRecords(FIXTURE));

		assertThat(report).contains("answerWithMap()")
			.contains("answerWithWrappedMaps()")
			.doesNotContain("answerWithRecord()")
			.doesNotContain("helper()");
	}

	@Test
	void whenAPackageIsNotNullMarkedThenTheNullnessRuleFails() {
		String report = violations(ModuleBoundaries.everyPackageIsNullMarked(FIXTURE));

		assertThat(report).contains("misc.FixtureStray").doesNotContain("routing.FixtureRouter ");
	}

	private static String violations(ArchRule rule) {
		EvaluationResult result = rule.evaluate(FIXTURE_CLASSES);
		assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
		return String.join("\n", result.getFailureReport().getDetails());
	}

}
