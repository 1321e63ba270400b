package io.github.edgeauth.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayaraMicroTest {
    @TempDir
    Path dir;

    @Test
    void everyLaunchKeepsPayaraOffTheNetworkAndItsFilesUnderItsRoot() throws Exception {
        Path root = dir.resolve("edge");
        Files.createDirectories(root.resolve("payara/old-application"));
        PayaraMicro.LoopbackLaunch launch = PayaraMicro.LoopbackLaunch.prepare(root, 8080);

        assertEquals(List.of("-Xmx512m", "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.socket.bind.any=false",
                "-Djava.io.tmpdir=" + root.resolve("tmp")), launch.jvmOptions());
        assertEquals(List.of("--disablephonehome", "--port", "8080", "--rootdir", root.resolve("payara").toString(),
                "--prebootcommandfile", root.resolve("pre-boot-commands.txt").toString()), launch.serverOptions());
        assertEquals(PayaraMicro.LoopbackLaunch.PRE_BOOT_COMMANDS,
                Files.readAllLines(root.resolve("pre-boot-commands.txt")));
        assertFalse(Files.exists(root.resolve("payara/old-application")), "an earlier run's root dir is emptied");
        assertTrue(Files.isDirectory(root.resolve("tmp")));
    }

    @Test
    void aDataGridOfItsOwnListsOnlyLoopbackUnderANameNoOtherServerHas() throws Exception {
        List<String> options = PayaraMicro.LoopbackLaunch.ownDataGrid();
        String port = options.get(options.indexOf("--startport") + 1);
        assertEquals(List.of("--clustermode", "tcpip:127.0.0.1:" + port, "--interfaces", "127.0.0.1",
                "--startport", port, "--clustername", "edgeauth-" + port), options);
    }
}
