package io.github.edgeauth.example.notes;

import jakarta.enterprise.context.SessionScoped;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one browser's session holds, as a legacy WAR keeps it: notes and uploaded files in a session-scoped bean,
 * never written anywhere else. The filter ends the session when another person signs in at the edge, so
 * nobody sees the notes of whoever used the browser before.
 */
@SessionScoped
public class Notebook implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Enough for a demo; a session is no place for more (a real WAR keeps files elsewhere). */
    static final int MAX_ENTRIES = 10;

    /** One uploaded file. */
    public record Attachment(String name, String contentType, byte[] bytes) implements Serializable {
        public int size() {
            return bytes.length;
        }
    }

    private final List<String> notes = new ArrayList<>();
    private final List<Attachment> files = new ArrayList<>();

    public synchronized List<String> getNotes() {
        return List.copyOf(notes);
    }

    public synchronized List<Attachment> getFiles() {
        return List.copyOf(files);
    }

    synchronized void add(String note) {
        if (notes.size() < MAX_ENTRIES) {
            notes.add(note);
        }
    }

    synchronized void attach(Attachment file) {
        if (files.size() < MAX_ENTRIES) {
            files.add(file);
        }
    }

    synchronized Optional<Attachment> file(int index) {
        return index >= 0 && index < files.size() ? Optional.of(files.get(index)) : Optional.empty();
    }
}
