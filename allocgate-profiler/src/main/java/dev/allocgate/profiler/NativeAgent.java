package dev.allocgate.profiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds and extracts the allocgate JVMTI agent library bundled in this artifact, one per platform, at
 * {@code dev/allocgate/profiler/native/<platform>/<library>} (for example
 * {@code linux-x86_64/liballocgate_agent.so}, {@code windows-x86_64/allocgate_agent.dll}). The plugin
 * passes the extracted file to the benchmark JVM as {@code -agentpath:<file>}.
 *
 * <p>Independent of JMH: usable from the Maven plugin's JVM.
 */
public final class NativeAgent {

    /** Class-path folder holding one sub-folder per platform. */
    public static final String RESOURCE_DIRECTORY = "dev/allocgate/profiler/native";

    /** Platforms this project's build can produce a library for (whether this artifact has each is another matter). */
    public static final List<String> BUILDABLE_PLATFORMS = List.of("linux-x86_64", "linux-aarch64", "windows-x86_64");

    private NativeAgent() {
    }

    /**
     * Normalises {@code os.name} and {@code os.arch} to a platform folder name such as {@code linux-x86_64},
     * {@code linux-aarch64}, {@code windows-x86_64} or {@code macos-aarch64}.
     *
     * @param osName a value of the {@code os.name} system property
     * @param osArch a value of the {@code os.arch} system property
     * @return the folder name, or empty for an operating system or architecture allocgate does not know
     */
    public static Optional<String> platformDirectory(String osName, String osArch) {
        Optional<String> os = operatingSystem(osName);
        Optional<String> arch = architecture(osArch);
        if (os.isEmpty() || arch.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(os.get() + "-" + arch.get());
    }

    /** {@link #platformDirectory(String, String)} for the running JVM. */
    public static Optional<String> currentPlatformDirectory() {
        return platformDirectory(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * The library's file name on a platform: {@code allocgate_agent.dll} on Windows,
     * {@code liballocgate_agent.dylib} on macOS, {@code liballocgate_agent.so} elsewhere.
     *
     * @param platformDirectory a name returned by {@link #platformDirectory(String, String)}
     */
    public static String libraryFileName(String platformDirectory) {
        if (platformDirectory.startsWith("windows-")) {
            return "allocgate_agent.dll";
        }
        if (platformDirectory.startsWith("macos-")) {
            return "liballocgate_agent.dylib";
        }
        return "liballocgate_agent.so";
    }

    /**
     * The class-path resource of the library for a platform, if this artifact carries one.
     *
     * @param osName a value of {@code os.name}
     * @param osArch a value of {@code os.arch}
     * @return for example {@code dev/allocgate/profiler/native/linux-x86_64/liballocgate_agent.so}, or empty
     */
    public static Optional<String> bundledResource(String osName, String osArch) {
        return platformDirectory(osName, osArch).map(NativeAgent::resourcePath).filter(NativeAgent::resourceExists);
    }

    /** The platforms for which this artifact carries a library, in {@link #BUILDABLE_PLATFORMS} order. */
    public static List<String> bundledPlatforms() {
        return BUILDABLE_PLATFORMS.stream()
                .filter(platform -> resourceExists(resourcePath(platform)))
                .collect(Collectors.toList());
    }

    /** Whether this artifact carries a library for the running JVM's platform. */
    public static boolean isAvailable() {
        return bundledResource(System.getProperty("os.name"), System.getProperty("os.arch")).isPresent();
    }

    /**
     * Extracts the library for the running JVM's platform; see {@link #extractTo(Path, String, String)}.
     *
     * @throws NativeAgentUnavailableException when this artifact has no library for the platform
     * @throws IOException                     when the file cannot be written
     */
    public static Path extractTo(Path directory) throws IOException {
        return extractTo(directory, System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * Writes the library for a platform to {@code directory/<platform>/<library file name>} and returns
     * that path (absolute). An existing identical file is reused as is (so a library that a running JVM
     * holds open is not replaced); otherwise the file is written to a temporary name and moved into
     * place atomically, so a concurrent reader never sees a partial library.
     *
     * @param directory where to put the platform folder (created if missing)
     * @param osName    a value of {@code os.name}
     * @param osArch    a value of {@code os.arch}
     * @return the library file, for {@code -agentpath:}
     * @throws NativeAgentUnavailableException when this artifact has no library for the platform
     * @throws IOException                     when the file cannot be written
     */
    public static Path extractTo(Path directory, String osName, String osArch) throws IOException {
        String resource = bundledResource(osName, osArch).orElseThrow(() -> unavailable(osName, osArch));
        byte[] library;
        try (InputStream in = NativeAgent.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("allocgate agent library " + resource + " vanished from the class path");
            }
            library = in.readAllBytes();
        }
        String platform = platformDirectory(osName, osArch).orElseThrow();
        Path target = directory.resolve(platform).resolve(libraryFileName(platform)).toAbsolutePath();
        Files.createDirectories(target.getParent());
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), library)) {
            return target;
        }
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, library);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private static NativeAgentUnavailableException unavailable(String osName, String osArch) {
        String platform = platformDirectory(osName, osArch).orElse("unknown platform");
        return new NativeAgentUnavailableException(osName, osArch, "allocgate-profiler has no JVMTI agent library for "
                + osName + "/" + osArch + " (" + platform + "), so objects per operation cannot be counted there; "
                + "this artifact carries: " + (bundledPlatforms().isEmpty() ? "none" : String.join(", ", bundledPlatforms())));
    }

    private static String resourcePath(String platform) {
        return RESOURCE_DIRECTORY + "/" + platform + "/" + libraryFileName(platform);
    }

    private static boolean resourceExists(String resource) {
        return NativeAgent.class.getClassLoader().getResource(resource) != null;
    }

    private static Optional<String> operatingSystem(String osName) {
        if (osName == null) {
            return Optional.empty();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return Optional.of("linux");
        }
        if (os.startsWith("windows")) {
            return Optional.of("windows");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Optional.of("macos");
        }
        return Optional.empty();
    }

    private static Optional<String> architecture(String osArch) {
        if (osArch == null) {
            return Optional.empty();
        }
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
            case "x86-64":
            case "x64":
                return Optional.of("x86_64");
            case "aarch64":
            case "arm64":
                return Optional.of("aarch64");
            default:
                return Optional.empty();
        }
    }
}
