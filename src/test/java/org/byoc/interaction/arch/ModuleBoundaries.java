package org.byoc.interaction.arch;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The module arrows of the design (design.md, "Modules") as ArchUnit rules over any root package, so the rules can
 * be checked against the service and against a fixture that breaks them on purpose.
 */
final class ModuleBoundaries {

	private ModuleBoundaries() {
	}

	static List<ArchRule> all(String root) {
		return List.of(arrows(root), domainUsesNoTransportTypes(root), noGrpcOutsideItsFaces(root));
	}

	/**
	 * Everything may use web (error catalogue) and setup (read-only lookups); setup and database (how commits reach
	 * the disk) use nothing; outbound never
	 * knows conversations. A class in a package that is not a module fails too, so a new module is a conscious step.
	 */
	static ArchRule arrows(String root) {
		return layeredArchitecture().consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.ensureAllClassesAreContainedInArchitectureIgnoring(root)
			.layer("database").definedBy(root + ".database..")
			.layer("contract").definedBy(root + ".contract..")
			.layer("web").definedBy(root + ".web..")
			.layer("setup").definedBy(root + ".setup..")
			.layer("auth").definedBy(root + ".auth..")
			.layer("attachment").definedBy(root + ".attachment..")
			.layer("outbound").definedBy(root + ".outbound..")
			.layer("conversation").definedBy(root + ".conversation..")
			.layer("routing").definedBy(root + ".routing..")
			.layer("agent").definedBy(root + ".agent..")
			.layer("pubsub").definedBy(root + ".pubsub..")
			.layer("bench").definedBy(root + ".bench..")
			.whereLayer("database").mayNotAccessAnyLayer()
			.whereLayer("contract").mayNotAccessAnyLayer()
			.whereLayer("web").mayOnlyAccessLayers("contract")
			.whereLayer("setup").mayOnlyAccessLayers("contract", "web")
			.whereLayer("auth").mayOnlyAccessLayers("contract", "web", "setup")
			.whereLayer("attachment").mayOnlyAccessLayers("contract", "web", "setup")
			.whereLayer("outbound").mayOnlyAccessLayers("contract", "web", "setup")
			.whereLayer("conversation").mayOnlyAccessLayers("contract", "web", "setup", "attachment", "outbound")
			.whereLayer("routing").mayOnlyAccessLayers("contract", "web", "setup", "conversation", "outbound")
			.whereLayer("agent").mayOnlyAccessLayers("contract", "web", "setup", "conversation", "routing", "outbound",
					"attachment")
			.whereLayer("pubsub").mayOnlyAccessLayers("contract", "web", "setup", "outbound", "auth")
			.whereLayer("bench").mayOnlyAccessLayers("contract", "web", "conversation")
			.as("modules depend only along the allowed arrows");
	}

	/**
	 * Domain code speaks the vendor's vocabulary, not HTTP: only the web layer, a module's own HTTP edge package
	 * ({@code <module>.http}, such as auth's Spring Security entry points and matchers) and the adapters at the edge
	 * (controllers, filters, interceptors, wiring) may touch servlet, Spring MVC or HTTP types. MediaType is a plain
	 * value that attachment type detection may use.
	 */
	static ArchRule domainUsesNoTransportTypes(String root) {
		return noClasses().that()
			.resideInAPackage(root + "..")
			.and(not(resideInAnyPackage(root, root + ".web..", root + ".*.http..")))
			.and(not(edgeAdapter()))
			.should()
			.dependOnClassesThat(resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
					"org.springframework.http..")
				.and(not(equivalentTo(org.springframework.http.MediaType.class))))
			.allowEmptyShould(true)
			.as("domain code imports no servlet or HTTP types");
	}

	/** gRPC types belong to the Pub/Sub face and to the edge adapters (for instance auth's gRPC interceptor). */
	static ArchRule noGrpcOutsideItsFaces(String root) {
		return noClasses().that()
			.resideInAPackage(root + "..")
			.and(not(resideInAnyPackage(root + ".pubsub..")))
			.and(not(edgeAdapter()))
			.should()
			.dependOnClassesThat(resideInAnyPackage("io.grpc.."))
			.allowEmptyShould(true)
			.as("domain code imports no gRPC types");
	}

	/** Controllers, filters, interceptors and wiring, judged by the top-level class (lambdas and inner classes too). */
	static DescribedPredicate<JavaClass> edgeAdapter() {
		return DescribedPredicate.describe("an edge adapter (*Controller, *Filter, *Interceptor, *Configuration)",
				(javaClass) -> {
					String name = topLevelSimpleName(javaClass);
					return name.endsWith("Controller") || name.endsWith("Filter") || name.endsWith("Interceptor")
							|| name.endsWith("Configuration");
				});
	}

	private static String topLevelSimpleName(JavaClass javaClass) {
		String name = javaClass.getName().substring(javaClass.getPackageName().length() + 1);
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

}
