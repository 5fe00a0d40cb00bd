package io.leadtriage.packaging;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A build step of the deployment package (run by functions/pom.xml at {@code package}; test code, so it ships
 * nothing): the AWS SDK's service jars, aws-lambda-java-events, jackson-core and SnakeYAML, written to
 * target/dependency (SAM's lib/) with only the classes a code path of ours can reach. A service jar is mostly the
 * model of operations we never call (SES v2 has over a hundred); leaving them out took the deployment zip from 13.7
 * to 7.9 MB. jackson-core's async parsers and SnakeYAML's object construction and dumping (only its composer is used)
 * take 0.2 MB more off.
 *
 * <p>What is kept is computed, not listed: the classes our compiled code names, closed over every class they name in
 * turn (class entries, descriptors and signatures, and class names in string constants, for {@code Class.forName}),
 * within each jar. The SDK reaches parts of a service jar that our code does not name, so these are roots too:
 * <ul>
 *   <li>the classes its resources name: ServiceLoader providers, {@code execution.interceptors};</li>
 *   <li>every exception of its model: the client registers all of them when it is built;</li>
 *   <li>each kept request's marshaller ({@code transform/<Request>Marshaller}), which only the client names;</li>
 *   <li>every operation's request class, kept but not followed: the JVM's verifier loads each one (to check it
 *   against {@code SdkRequest}) when it links the client, which has a method for every operation.</li>
 * </ul>
 * The service's machinery (clients, builders, endpoint rules, auth schemes) is followed except into the operations'
 * classes, which it names all of: the operations we call are reached from our code.
 *
 * <p>{@code TrimmedJarsTest} builds each client on the trimmed jars; the deployment rehearsal runs every function on
 * them under the Lambda runtime client, SnapStart's lifecycle included.
 */
public final class TrimmedJars {
    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+)[;<]");
    /**
     * A service's machinery (clients, builders, endpoint rules, auth schemes), as against its operations' classes
     * (model/, transform/, paginators/, waiters/...). The machinery names every operation (the client has a method
     * for each, the endpoint interceptors a case): what it names of the operations is not followed.
     */
    private static final Pattern INFRASTRUCTURE = Pattern.compile(
            SERVICES + "\\w+/([\\w$]+|(endpoints|auth|internal)/[\\w/$]+)");
    /**
     * The SDK's own warm-up ({@code SdkWarmUp.warmUp()}, which builds every client on the class path, sync and async,
     * against a canned response): the functions never call it (handlers/Priming primes their own paths), and its
     * providers would keep the async clients and DynamoDB Streams. Left out with its ServiceLoader file.
     */
    static final String SDK_WARM_UP = "META-INF/services/software.amazon.awssdk.core.warmup.SdkWarmUpProvider";
    private static final Pattern REQUEST = Pattern.compile(SERVICES + "\\w+/model/\\w+Request");
    private static final Pattern EXCEPTION = Pattern.compile(SERVICES + "\\w+/model/\\w+Exception");

    private TrimmedJars() {
    }

    /**
     * @param args the compiled classes (target/classes), the folder to write to (target/dependency), then one class
     *             of each jar to trim, found on this class path
     */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Set<String> ours = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                ours.addAll(referencedClasses(Files.readAllBytes(file)));
            }
        }
        for (String member : List.of(args).subList(2, args.length)) {
            Path jar = jarOf(member);
            trim(jar, ours, out.resolve(shippedName(jar)));
        }
    }

    /** Writes {@code jar} to {@code target} with the classes reachable from {@code ours} and the jar's own roots. */
    static void trim(Path jar, Set<String> ours, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Map<String, ZipEntry> classes = new LinkedHashMap<>();
            Deque<String> toFollow = new ArrayDeque<>(ours);
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - ".class".length()), entry);
                } else if (name.equals(SDK_WARM_UP)) {
                    continue;
                } else if (name.startsWith("META-INF/services/") || name.endsWith(".interceptors")) {
                    // Classes the SDK loads by name: ServiceLoader providers, execution interceptors.
                    try (InputStream in = zip.getInputStream(entry)) {
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.replace('.', '/'))
                                .forEach(toFollow::add);
                    }
                }
            }
            Set<String> kept = new LinkedHashSet<>();
            for (String name : classes.keySet()) {
                if (REQUEST.matcher(name).matches()) {
                    kept.add(name);
                } else if (EXCEPTION.matcher(name).matches()) {
                    toFollow.add(name);
                }
            }
            Set<String> followed = new LinkedHashSet<>();
            while (!toFollow.isEmpty()) {
                String name = toFollow.pop();
                if (!classes.containsKey(name) || !followed.add(name)) {
                    continue;
                }
                kept.add(name);
                if (REQUEST.matcher(name).matches()) {
                    toFollow.add(name.replace("/model/", "/transform/") + "Marshaller");
                }
                boolean infrastructure = INFRASTRUCTURE.matcher(name).matches();
                try (InputStream in = zip.getInputStream(classes.get(name))) {
                    referencedClasses(in.readAllBytes()).stream()
                            .filter(ref -> !infrastructure || !ref.startsWith(SERVICES) || INFRASTRUCTURE.matcher(ref).matches())
                            .forEach(toFollow::add);
                }
            }
            try (ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(target))) {
                for (ZipEntry entry : zip.stream().toList()) {
                    String name = entry.getName();
                    boolean dropped = name.equals(SDK_WARM_UP) || name.endsWith(".class")
                            && !kept.contains(name.substring(0, name.length() - ".class".length()));
                    if (!dropped) {
                        ZipEntry copy = new ZipEntry(name);
                        copy.setTime(entry.getTime());
                        zipOut.putNextEntry(copy);
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(zipOut);
                        }
                        zipOut.closeEntry();
                    }
                }
            }
        }
    }

    /** Every class a class file names: class entries, descriptors and signatures, and class names in strings. */
    static Set<String> referencedClasses(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        in.skipBytes(8);
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> classIndexes = new LinkedHashSet<>();
        Set<Integer> stringIndexes = new LinkedHashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classIndexes.add(in.readUnsignedShort());
                case 8 -> stringIndexes.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i : classIndexes) {
            String name = utf8[i];
            names.add(name.startsWith("[") ? name.replaceAll("^\\[+L?|;$", "") : name);
        }
        for (int i : stringIndexes) {
            names.add(utf8[i].replace('.', '/'));
        }
        for (String value : utf8) {
            if (value != null && value.indexOf('L') >= 0) {
                Matcher m = DESCRIPTOR_CLASS.matcher(value);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Path jarOf(String className) {
        URL url = TrimmedJars.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        if (url == null || !"jar".equals(url.getProtocol())) {
            throw new IllegalArgumentException(className + " is not in a jar on this class path: " + url);
        }
        String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
        try {
            return Path.of(new URL(file).toURI());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalArgumentException("cannot locate the jar of " + className + ": " + url, e);
        }
    }

    /** The name {@code dependency:copy-dependencies -Dmdep.prependGroupId=true} gives the jar in lib/. */
    static String shippedName(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry pom = zip.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(jar + " has no Maven coordinates"));
            java.util.Properties coordinates = new java.util.Properties();
            try (InputStream in = zip.getInputStream(pom)) {
                coordinates.load(in);
            }
            return coordinates.getProperty("groupId") + "." + jar.getFileName();
        }
    }
}
