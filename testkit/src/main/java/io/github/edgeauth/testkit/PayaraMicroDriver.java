package io.github.edgeauth.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a Payara Micro JVM that a test deploys into and undeploys from while it runs: boots Payara
 * Micro with the command-line options it is given (exactly those of {@code java -jar payara-micro.jar}), then
 * reads commands from standard input, one per line, and answers each on standard output with a line starting
 * {@value #ANSWER}:
 * <ul>
 *   <li>{@code deploy NAME CONTEXT-ROOT FILE}: deploys the WAR {@code FILE} as {@code NAME} at
 *       {@code CONTEXT-ROOT}, answers {@code deployed NAME true|false};</li>
 *   <li>{@code undeploy NAME}: answers {@code undeployed NAME}.</li>
 * </ul>
 * It uses Payara Micro's public runtime API ({@code PayaraMicroRuntime}), through reflection: the test runs it
 * with nothing on its class path but {@code payara-micro.jar} and this one class, so no test class can reach a
 * deployed WAR through the parent class loader.
 */
public final class PayaraMicroDriver {
    static final String ANSWER = "edgeauth-driver ";

    private PayaraMicroDriver() {
    }

    public static void main(String[] args) throws Exception {
        Object boot = Class.forName("fish.payara.micro.boot.PayaraMicroLauncher")
                .getMethod("create", String[].class).invoke(null, (Object) args);
        Object runtime = Class.forName("fish.payara.micro.boot.PayaraMicroBoot").getMethod("getRuntime").invoke(boot);
        Class<?> api = Class.forName("fish.payara.micro.PayaraMicroRuntime");
        Method deploy = api.getMethod("deploy", String.class, String.class, File.class);
        Method undeploy = api.getMethod("undeploy", String.class);
        System.out.println(ANSWER + "ready");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.strip().split(" ", 4);
            if (words[0].equals("deploy") && words.length == 4) {
                Object deployed = deploy.invoke(runtime, words[1], words[2], new File(words[3]));
                System.out.println(ANSWER + "deployed " + words[1] + " " + deployed);
            } else if (words[0].equals("undeploy") && words.length == 2) {
                undeploy.invoke(runtime, words[1]);
                System.out.println(ANSWER + "undeployed " + words[1]);
            } else {
                System.out.println(ANSWER + "unknown command: " + line);
            }
        }
        System.exit(0);
    }
}
