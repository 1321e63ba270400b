<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>About notes</title></head>
<body>
  <h1>About</h1>
  <p id="about-text">A server-rendered WAR at its own context path, behind the edge with no change to its links.
    You are <c:out value="${pageContext.request.remoteUser}"/>.</p>
  <p><a id="home" href="${pageContext.request.contextPath}/">Back to your notes</a></p>
</body>
</html>
