package io.github.edgeauth.benchmarks.endpoint;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The same root, with the server's own MicroProfile JWT authentication switched on. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("user")
public class MpJwtApplication extends Application {
}
