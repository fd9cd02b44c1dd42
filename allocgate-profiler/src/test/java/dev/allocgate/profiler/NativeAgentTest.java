package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeAgentTest {

    @ParameterizedTest
    @CsvSource({
            "Linux, amd64, linux-x86_64",
            "Linux, x86_64, linux-x86_64",
            "Linux, aarch64, linux-aarch64",
            "Windows 11, amd64, windows-x86_64",
            "Windows Server 2022, x86_64, windows-x86_64",
            "Mac OS X, aarch64, macos-aarch64",
            "Mac OS X, x86_64, macos-x86_64",
    })
    void mapsOsNameAndArchToAPlatformFolder(String osName, String osArch, String platform) {
        assertEquals(Optional.of(platform), NativeAgent.platformDirectory(osName, osArch));
    }

    @ParameterizedTest
    @CsvSource({"Linux, riscv64", "Linux, x86", "SunOS, amd64", "FreeBSD, amd64", "Linux, ppc64le"})
    void unknownPlatformsHaveNoFolder(String osName, String osArch) {
        assertEquals(Optional.empty(), NativeAgent.platformDirectory(osName, osArch));
    }

    @Test
    void libraryNamesFollowEachPlatformsConvention() {
        assertEquals("liballocgate_agent.so", NativeAgent.libraryFileName("linux-aarch64"));
        assertEquals("allocgate_agent.dll", NativeAgent.libraryFileName("windows-x86_64"));
        assertEquals("liballocgate_agent.dylib", NativeAgent.libraryFileName("macos-aarch64"));
    }

    @Test
    void thisBuildCarriesTheRequiredLinuxX86Library() {
        assertTrue(NativeAgent.bundledPlatforms().contains("linux-x86_64"), NativeAgent.bundledPlatforms().toString());
        assertEquals(Optional.of("dev/allocgate/profiler/native/linux-x86_64/liballocgate_agent.so"),
                NativeAgent.bundledResource("Linux", "amd64"));
    }

    @Test
    void extractsTheLibraryAndReusesAnIdenticalFile(@TempDir Path directory) throws IOException {
        Path first = NativeAgent.extractTo(directory, "Linux", "amd64");
        assertEquals(directory.resolve("linux-x86_64/liballocgate_agent.so").toAbsolutePath(), first);
        assertArrayEquals(resourceBytes("dev/allocgate/profiler/native/linux-x86_64/liballocgate_agent.so"),
                Files.readAllBytes(first));
        long modified = Files.getLastModifiedTime(first).toMillis();

        Path second = NativeAgent.extractTo(directory, "Linux", "amd64");
        assertEquals(first, second);
        assertEquals(modified, Files.getLastModifiedTime(second).toMillis(), "identical file left in place");
        try (var files = Files.list(first.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void replacesADifferentFileAtTheTarget(@TempDir Path directory) throws IOException {
        Path target = directory.resolve("linux-x86_64/liballocgate_agent.so");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "truncated");
        NativeAgent.extractTo(directory, "Linux", "amd64");
        assertArrayEquals(resourceBytes("dev/allocgate/profiler/native/linux-x86_64/liballocgate_agent.so"),
                Files.readAllBytes(target));
    }

    @Test
    void aPlatformWithoutALibraryIsReportedNotGuessed(@TempDir Path directory) {
        NativeAgentUnavailableException unavailable = assertThrows(NativeAgentUnavailableException.class,
                () -> NativeAgent.extractTo(directory, "Mac OS X", "aarch64"));
        assertTrue(unavailable.getMessage().contains("Mac OS X/aarch64 (macos-aarch64)"), unavailable.getMessage());
        assertTrue(unavailable.getMessage().contains("linux-x86_64"), unavailable.getMessage());
        assertEquals("aarch64", unavailable.osArch());

        NativeAgentUnavailableException unknown = assertThrows(NativeAgentUnavailableException.class,
                () -> NativeAgent.extractTo(directory, "Linux", "riscv64"));
        assertTrue(unknown.getMessage().contains("unknown platform"), unknown.getMessage());
    }

    /** Each bundled library is a binary for its platform's machine (checked from its header, not its name). */
    @Test
    void bundledLibrariesTargetTheirPlatformsMachine() throws IOException {
        for (String platform : NativeAgent.bundledPlatforms()) {
            byte[] library = resourceBytes(NativeAgent.RESOURCE_DIRECTORY + "/" + platform + "/"
                    + NativeAgent.libraryFileName(platform));
            ByteBuffer header = ByteBuffer.wrap(library).order(ByteOrder.LITTLE_ENDIAN);
            switch (platform) {
                case "linux-x86_64" -> assertElf(header, 0x3E, platform);     // EM_X86_64
                case "linux-aarch64" -> assertElf(header, 0xB7, platform);    // EM_AARCH64
                case "windows-x86_64" -> {
                    assertEquals('M', header.get(0), platform);
                    assertEquals('Z', header.get(1), platform);
                    int peOffset = header.getInt(0x3C);
                    assertEquals(0x00004550, header.getInt(peOffset), platform + ": PE signature");
                    assertEquals(0x8664, Short.toUnsignedInt(header.getShort(peOffset + 4)),
                            platform + ": IMAGE_FILE_MACHINE_AMD64");
                }
                default -> throw new AssertionError("no header check for " + platform);
            }
        }
    }

    private static void assertElf(ByteBuffer header, int machine, String platform) {
        assertEquals(0x7F, header.get(0), platform);
        assertEquals('E', header.get(1), platform);
        assertEquals('L', header.get(2), platform);
        assertEquals('F', header.get(3), platform);
        assertEquals(2, header.get(4), platform + ": 64-bit");
        assertEquals(3, header.getShort(16), platform + ": ET_DYN, a shared object");
        assertEquals(machine, Short.toUnsignedInt(header.getShort(18)), platform + ": e_machine");
    }

    private static byte[] resourceBytes(String resource) throws IOException {
        try (InputStream in = NativeAgentTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(in != null, "missing " + resource);
            return in.readAllBytes();
        }
    }
}
