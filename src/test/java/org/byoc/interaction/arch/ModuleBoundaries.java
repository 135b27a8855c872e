package org.byoc.interaction.arch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.jspecify.annotations.NullMarked;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The module arrows and faces of docs/architecture.md as ArchUnit rules over any root package, so the rules can
 * be checked against the service and against a fixture that breaks them on purpose.
 */
final class ModuleBoundaries {

	private ModuleBoundaries() {
	}

	static List<ArchRule> all(String root) {
		return List.of(arrows(root), domainUsesNoTransportTypes(root), noGrpcOutsideItsFaces(root),
				noReachingIntoAnotherModulesInternals(root),
				serviceEntriesAreTyped(root, union(EVENT_PAYLOAD_BYTES, REQUEST_READERS)),
				controllersAnswerWithRecords(root), everyPackageIsNullMarked(root));
	}

	/** The event log stores Avro-encoded payloads: there bytes are the data itself, not a request's body. */
	static final Set<String> EVENT_PAYLOAD_BYTES = Set.of("AvroPayloads", "EventLogRepository");

	/**
	 * The interactions endpoint's multipart {@code json} part has its own reader (the vendor refuses trailing
	 * content there, and its size is configurable), which the controller calls.
	 */
	static final Set<String> REQUEST_READERS = Set.of("InteractionRequestDecoder");

	/**
	 * A module's face is what it does not keep in {@code <module>.internal}: repositories and the like there are
	 * reached only from inside the module (its root and sub-packages).
	 */
	static ArchRule noReachingIntoAnotherModulesInternals(String root) {
		return classes().that()
			.resideInAPackage(root + "..")
			.should(new ArchCondition<JavaClass>("not reach into another module's internal package") {

				@Override
				public void check(JavaClass origin, ConditionEvents events) {
					String from = module(root, origin.getPackageName());
					for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
						JavaClass target = dependency.getTargetClass();
						String to = module(root, target.getPackageName());
						if (to != null && !to.equals(from) && isInternal(root, to, target.getPackageName())) {
							events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
						}
					}
				}

			})
			.allowEmptyShould(true)
			.as("no module reaches into another module's internal package");
	}

	/**
	 * Services take typed commands: request bytes, request streams and the HTTP caller stop at the controllers. Only
	 * edge adapters, the one request reader ({@code contract}: the caller and the JSON body reader) and the
	 * attachment stream path (the attachment module, an agent's upload) may take them in a method that is not
	 * private. {@code exempt} names the other readers of bytes by their top-level class.
	 */
	static ArchRule serviceEntriesAreTyped(String root, Set<String> exempt) {
		DescribedPredicate<JavaClass> untyped = DescribedPredicate.describe("byte[], InputStream or ApiCaller",
				(type) -> type.getName().equals(byte[].class.getName())
						|| type.isAssignableTo(java.io.InputStream.class)
						|| type.getName().equals(root + ".contract.ApiCaller"));
		return noMethods().that()
			.areNotPrivate()
			.and()
			.areDeclaredInClassesThat(resideInAPackage(root + "..")
				.and(not(resideInAnyPackage(root + ".contract..", root + ".attachment..")))
				.and(not(edgeAdapter()))
				.and(not(DescribedPredicate.describe("an agent's upload",
						(javaClass) -> topLevelSimpleName(javaClass).equals("AgentAttachments"))))
				.and(not(topLevelNamedIn(exempt))))
			.should()
			.haveRawParameterTypes(DescribedPredicate.describe("any parameter of byte[], InputStream or ApiCaller",
					(List<JavaClass> types) -> types.stream().anyMatch(untyped)))
			.allowEmptyShould(true)
			.as("methods outside controllers take no byte[], InputStream or ApiCaller");
	}

	/**
	 * Controllers answer with records: no handler (a request mapping or an exception handler) returns a map, bare
	 * or inside a ResponseEntity or a list.
	 */
	static ArchRule controllersAnswerWithRecords(String root) {
		return methods().that()
			.areDeclaredInClassesThat(resideInAPackage(root + "..").and(controller()))
			.and(DescribedPredicate.describe("handlers", (JavaMethod method) -> method
				.isMetaAnnotatedWith(RequestMapping.class) || method.isAnnotatedWith(ExceptionHandler.class)))
			.should(new ArchCondition<JavaMethod>("not answer with a Map") {

				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					if (mentionsMap(method.getReturnType())) {
						events.add(SimpleConditionEvent.violated(method,
								method.getFullName() + " answers with " + method.getReturnType().getName()));
					}
				}

			})
			.allowEmptyShould(true)
			.as("controllers answer with records, not maps");
	}

	/** Every package of the service states its nullness: {@code @NullMarked} in its package-info. */
	static ArchRule everyPackageIsNullMarked(String root) {
		return classes().that()
			.resideInAPackage(root + "..")
			.should(new ArchCondition<JavaClass>("sit in a @NullMarked package") {

				@Override
				public void check(JavaClass javaClass, ConditionEvents events) {
					boolean marked = javaClass.getPackage()
						.tryGetPackageInfo()
						.map((info) -> info.isAnnotatedWith(NullMarked.class))
						.orElse(false);
					if (!marked && !javaClass.getSimpleName().equals("package-info")) {
						events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
								+ " sits in package " + javaClass.getPackageName() + ", which is not @NullMarked"));
					}
				}

			})
			.allowEmptyShould(true)
			.as("every package is @NullMarked");
	}

	/** The module of a package: its first segment below the root, or null for the root itself. */
	static String module(String root, String packageName) {
		if (!packageName.startsWith(root + ".")) {
			return null;
		}
		String rest = packageName.substring(root.length() + 1);
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

	private static boolean isInternal(String root, String module, String packageName) {
		return (packageName + ".").startsWith(root + "." + module + ".")
				&& packageName.substring(root.length()).concat(".").contains(".internal.");
	}

	private static boolean mentionsMap(JavaType type) {
		if (type.toErasure().isAssignableTo(java.util.Map.class)) {
			return true;
		}
		if (type instanceof JavaParameterizedType parameterized) {
			return parameterized.getActualTypeArguments().stream().anyMatch(ModuleBoundaries::mentionsMap);
		}
		return false;
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> all = new java.util.HashSet<>(first);
		all.addAll(second);
		return all;
	}

	private static DescribedPredicate<JavaClass> topLevelNamedIn(Set<String> names) {
		return DescribedPredicate.describe("one of " + names,
				(javaClass) -> names.contains(topLevelSimpleName(javaClass)));
	}

	private static DescribedPredicate<JavaClass> controller() {
		return DescribedPredicate.describe("a controller",
				(javaClass) -> topLevelSimpleName(javaClass).endsWith("Controller"));
	}

	/**
	 * The modules, lowest first, and the modules each one may use: the design's arrows, which
	 * {@code docs/architecture.md} draws (ArchitectureDocTest keeps the two equal). Every module may use the shared
	 * kernel {@code contract}; web is HTTP plumbing; setup (read-only lookups) serves everything above it; database
	 * (how commits reach the disk) uses nothing, and the event log asks it when commits are visible; outbound never knows conversations; bench (profile {@code bench}
	 * only) borrows the interactions endpoint's answer.
	 */
	static final Map<String, List<String>> ARROWS = arrowMap(
			"database", List.of(),
			"contract", List.of(),
			"web", List.of("contract"),
			"setup", List.of("contract", "web"),
			"auth", List.of("contract", "web", "setup"),
			"attachment", List.of("contract", "web", "setup"),
			"outbound", List.of("contract", "web", "setup", "database"),
			"conversation", List.of("contract", "web", "setup", "attachment", "outbound"),
			"routing", List.of("contract", "web", "setup", "conversation", "outbound"),
			"agent", List.of("contract", "web", "setup", "conversation", "routing", "outbound", "attachment"),
			"pubsub", List.of("contract", "web", "setup", "outbound", "auth"),
			"journal", List.of("contract", "web", "setup"),
			"bench", List.of("contract", "web", "conversation"));

	/**
	 * {@link #ARROWS} as a layered architecture over any root package. A class in a package that is not a module
	 * fails too, so a new module is a conscious step.
	 */
	static ArchRule arrows(String root) {
		LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.ensureAllClassesAreContainedInArchitectureIgnoring(root);
		for (String module : ARROWS.keySet()) {
			layers = layers.layer(module).definedBy(root + "." + module + "..");
		}
		for (Map.Entry<String, List<String>> module : ARROWS.entrySet()) {
			layers = module.getValue().isEmpty() ? layers.whereLayer(module.getKey()).mayNotAccessAnyLayer()
					: layers.whereLayer(module.getKey()).mayOnlyAccessLayers(module.getValue().toArray(String[]::new));
		}
		return layers.as("modules depend only along the allowed arrows");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> arrowMap(Object... modulesAndArrows) {
		Map<String, List<String>> arrows = new LinkedHashMap<>();
		for (int i = 0; i < modulesAndArrows.length; i += 2) {
			arrows.put((String) modulesAndArrows[i], (List<String>) modulesAndArrows[i + 1]);
		}
		return Collections.unmodifiableMap(arrows);
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

	static String topLevelSimpleName(JavaClass javaClass) {
		String name = javaClass.getName().substring(javaClass.getPackageName().length() + 1);
		int nested = name.indexOf('$');
		return (nested < 0) ? name : name.substring(0, nested);
	}

}
