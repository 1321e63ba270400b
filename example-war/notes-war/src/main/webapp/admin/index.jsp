<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Notes administration</title></head>
<body>
  <h1 id="admin-title">Administration</h1>
  <p>Only the role <code>admin</code> gets here: web.xml's security constraint says so, as it did before.</p>
  <p><a href="${pageContext.request.contextPath}/">Back to your notes</a></p>
</body>
</html>
