package io.github.edgeauth.example.notes;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Uploads ({@code POST /files}, a multipart form) and downloads ({@code GET /files/<n>}, as an attachment) of
 * the session's files.
 */
@WebServlet("/files/*")
@MultipartConfig(maxFileSize = FileServlet.MAX_BYTES, maxRequestSize = 2 * FileServlet.MAX_BYTES)
public class FileServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_BYTES = 64 * 1024;

    @Inject
    private Notebook notebook;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Part part;
        try {
            part = request.getPart("file");
        } catch (IllegalStateException tooLarge) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        if (part != null && part.getSize() > 0) {
            try (InputStream in = part.getInputStream()) {
                notebook.attach(new Notebook.Attachment(safeName(part.getSubmittedFileName()),
                        part.getContentType() == null ? "application/octet-stream" : part.getContentType(),
                        in.readNBytes(MAX_BYTES)));
            }
        }
        response.sendRedirect(request.getContextPath() + "/");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Notebook.Attachment> file = index(request.getPathInfo()).flatMap(notebook::file);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Always a download, never rendered: an uploaded HTML file must not run as this WAR's page.
        response.setContentType("application/octet-stream");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file.get().name() + "\"");
        response.setContentLength(file.get().size());
        response.getOutputStream().write(file.get().bytes());
    }

    private static Optional<Integer> index(String pathInfo) {
        if (pathInfo == null || !pathInfo.matches("/[0-9]{1,3}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(pathInfo.substring(1)));
    }

    /** The file's own name, without any directory, and only characters safe in a header. */
    private static String safeName(String submitted) {
        String name = submitted == null ? "" : submitted.substring(Math.max(submitted.lastIndexOf('/'),
                submitted.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "file" : name.substring(0, Math.min(name.length(), 100));
    }
}
