package dev.allocgate.core.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forks' class-data-sharing archive: when it is made, checked and used, and that a fork really maps it. */
class ForkClassSharingTest {

    @TempDir
    Path dir;

    /** A jar of two compiled classes ({@code demo.Hello}, which uses {@code demo.Helper}), and a directory. */
    private List<Path> classpath() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("Hello.java"), "package demo; public class Hello { public static void main(String[] a)"
                + " { System.out.println(new Helper().greeting()); } }", StandardCharsets.UTF_8);
        Files.writeString(src.resolve("Helper.java"), "package demo; public class Helper { String greeting() { return \"hi\"; } }",
                StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("compiled"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-d", classes.toString(),
                src.resolve("Hello.java").toString(), src.resolve("Helper.java").toString());
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        Path jar = dir.resolve("lib/demo.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("demo/Hello.class", "demo/Helper.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
                out.closeEntry();
            }
        }
        Path directory = Files.createDirectories(dir.resolve("classes/other"));
        Files.writeString(directory.resolve("data.txt"), "not in the jar", StandardCharsets.UTF_8);
        return List.of(dir.resolve("classes"), jar);
    }

    private ForkClassSharing sharing(List<Path> classpath, List<String> log) {
        return new ForkClassSharing(TestClassPath.java(), classpath, dir.resolve("work"), true,
                ForkClassSharing.MIN_RUNS_TO_MAKE, log::add, Runnable::run);
    }

    /** Runs {@code java <launch's arguments> <extra> -cp <launch's class path> demo.Hello}; its output. */
    private static String fork(ForkClassSharing.Launch launch, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TestClassPath.java().toString()));
        command.addAll(launch.jvmArgs());
        command.addAll(List.of(extra));
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, launch.classpath().stream().map(Path::toString).toList()));
        command.add("demo.Hello");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void theFirstForkListsItsClassesAndLaterForksMapTheArchiveWithTheJarsFirst() throws Exception {
        List<Path> classpath = classpath();
        List<String> log = new ArrayList<>();
        ForkClassSharing sharing = sharing(classpath, log);
        List<String> forkArgs = List.of("-Xmx256m");

        ForkClassSharing.Launch first = sharing.launch(List.of("-Xmx256m"), forkArgs);
        assertTrue(first.jvmArgs().get(0).startsWith("-XX:DumpLoadedClassList="), first.toString());
        assertEquals(classpath, first.classpath());
        assertEquals(classpath, sharing.launch(List.of("-Xmx256m"), forkArgs).classpath(), "one list per run, then plain");
        fork(first, "-Xmx256m");
        Path cds = dir.resolve("work/cds");
        long now = System.currentTimeMillis();
        for (int hours = 1; hours <= ForkClassSharing.KEPT_KEYS; hours++) { // other keys' archives, an hour older each
            Path other = Files.writeString(cds.resolve("forks-old" + hours + ".jsa"), "x");
            Files.setLastModifiedTime(other, FileTime.fromMillis(now - hours * 3_600_000L));
        }
        Path staleTmp = Files.writeString(cds.resolve("forks-gone.jsa.1-2.tmp"), "x");
        Files.setLastModifiedTime(staleTmp, FileTime.fromMillis(now - 2 * 3_600_000L));
        Path otherRunsTmp = Files.writeString(cds.resolve("forks-busy.classlist.3-4.tmp"), "x");
        sharing.ended(first, forkArgs, true); // dumps and checks on this thread
        List<String> expected = new ArrayList<>(List.of("forks-busy.classlist.3-4.tmp"));
        for (int hours = 1; hours < ForkClassSharing.KEPT_KEYS; hours++) {
            expected.add("forks-old" + hours + ".jsa");
        }
        try (var files = Files.list(cds)) {
            assertEquals(expected, files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith(sharing.key(forkArgs))).sorted().toList(),
                    "this archive, the newest others and another run's unfinished files are kept");
        }
        assertTrue(Files.exists(otherRunsTmp));

        ForkClassSharing.Launch shared = sharing.launch(List.of("-Xmx256m"), forkArgs);
        assertTrue(shared.jvmArgs().get(0).startsWith("-XX:SharedArchiveFile="), log.toString());
        assertEquals(List.of(classpath.get(1), classpath.get(0)), shared.classpath(), "jars first");
        String output = fork(shared, "-Xmx256m", "-Xshare:on", "-Xlog:class+load=info");
        assertTrue(output.lines().anyMatch(l -> l.contains("demo.Hello source: shared objects file")), output);
        assertTrue(output.lines().anyMatch(l -> l.equals("hi")), output);

        // a later run of the same class path and arguments maps it from its first fork
        ForkClassSharing later = sharing(classpath, new ArrayList<>());
        assertEquals(shared, later.launch(List.of("-Xmx256m"), forkArgs));
        // other JVM arguments are another archive, which this run may make since none is under way
        assertTrue(later.launch(List.of(), List.of()).jvmArgs().get(0).startsWith("-XX:DumpLoadedClassList="));

        // a jar changed since the dump: another key, so the old archive is not used
        Files.setLastModifiedTime(classpath.get(1), FileTime.fromMillis(Files.getLastModifiedTime(classpath.get(1))
                .toMillis() - 60_000));
        ForkClassSharing changed = sharing(classpath, new ArrayList<>());
        assertTrue(changed.launch(List.of("-Xmx256m"), forkArgs).jvmArgs().get(0).startsWith("-XX:DumpLoadedClassList="));
    }

    @Test
    void anArchiveThatFailsItsCheckIsRefusedOnceAndForAll() throws Exception {
        List<Path> classpath = classpath();
        List<String> log = new ArrayList<>();
        ForkClassSharing sharing = sharing(classpath, log);
        // the check runs with the fork's arguments; this one makes every JVM refuse to start
        List<String> forkArgs = List.of("-XX:+AllocgateNoSuchOption");
        ForkClassSharing.Launch first = sharing.launch(List.of(), forkArgs);
        fork(first); // lists its classes (started without the bad option, which only the check gets)
        sharing.ended(first, forkArgs, true);
        assertTrue(log.stream().anyMatch(l -> l.contains("the forks run without an archive")), log.toString());
        assertEquals(ForkClassSharing.Launch.plain(classpath), sharing.launch(List.of(), forkArgs));
        assertEquals(ForkClassSharing.Launch.plain(classpath), sharing(classpath, new ArrayList<>()).launch(List.of(), forkArgs),
                "not tried again by a later run");
    }

    @Test
    void aFailedListingForkMakesNoArchive() throws Exception {
        List<Path> classpath = classpath();
        List<String> log = new ArrayList<>();
        ForkClassSharing sharing = sharing(classpath, log);
        ForkClassSharing.Launch first = sharing.launch(List.of(), List.of());
        sharing.ended(first, List.of(), false);
        assertTrue(log.stream().anyMatch(l -> l.contains("the fork that listed its classes failed")), log.toString());
        try (var files = Files.list(dir.resolve("work/cds"))) {
            assertEquals(List.of(), files.toList(), "no class list is kept");
        }
    }

    @Test
    void forksRunAsBeforeWhenSharingIsOffOrChosenByTheUserOrTheRunIsSmall() throws Exception {
        List<Path> classpath = classpath();
        List<String> log = new ArrayList<>();
        ForkClassSharing off = new ForkClassSharing(TestClassPath.java(), classpath, dir.resolve("work"), false,
                10, log::add, Runnable::run);
        assertEquals(ForkClassSharing.Launch.plain(classpath), off.launch(List.of(), List.of()));
        assertEquals(List.of(), log, "off says nothing");

        ForkClassSharing on = sharing(classpath, log);
        assertEquals(ForkClassSharing.Launch.plain(classpath), on.launch(List.of("-Xshare:off"), List.of("-Xshare:off")));
        assertEquals(ForkClassSharing.Launch.plain(classpath),
                on.launch(List.of("-XX:SharedArchiveFile=/x.jsa"), List.of("-XX:SharedArchiveFile=/x.jsa")));

        ForkClassSharing small = new ForkClassSharing(TestClassPath.java(), classpath, dir.resolve("work"), true,
                ForkClassSharing.MIN_RUNS_TO_MAKE - 1, log::add, Runnable::run);
        assertEquals(ForkClassSharing.Launch.plain(classpath), small.launch(List.of(), List.of()));
    }

    @Test
    void aFileInBothADirectoryAndAJarKeepsTheClassPathAsItIs() throws Exception {
        List<Path> classpath = classpath();
        Path shadowing = Files.createDirectories(dir.resolve("classes/demo"));
        Files.copy(dir.resolve("compiled/demo/Helper.class"), shadowing.resolve("Helper.class"));
        assertEquals(Optional.of("demo/Helper.class (demo.jar)"), ForkClassSharing.shadowed(classpath));
        List<String> log = new ArrayList<>();
        ForkClassSharing sharing = sharing(classpath, log);
        assertEquals(ForkClassSharing.Launch.plain(classpath), sharing.launch(List.of(), List.of()));
        assertTrue(log.get(0).contains("demo/Helper.class (demo.jar) is both in a directory and in a jar"), log.toString());
    }

    @Test
    void aManifestInBothIsNoShadow() throws Exception {
        List<Path> classpath = classpath();
        Path meta = Files.createDirectories(dir.resolve("classes/META-INF"));
        Files.writeString(meta.resolve("MANIFEST.MF"), "Manifest-Version: 1.0\n", StandardCharsets.UTF_8);
        Path jar = dir.resolve("lib/manifest.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file,
                new java.util.jar.Manifest())) {
            out.putNextEntry(new JarEntry("x/Y.txt"));
            out.closeEntry();
        }
        assertEquals(Optional.empty(), ForkClassSharing.shadowed(List.of(dir.resolve("classes"), jar, classpath.get(1))));
        assertFalse(ForkClassSharing.choosesSharing("-Xmx1g"));
        assertTrue(ForkClassSharing.choosesSharing("-Xshare:auto"));
    }
}
