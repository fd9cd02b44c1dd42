/*
 * allocgate JVMTI agent: counts every object the JVM really allocates (after JIT compilation and
 * escape analysis), for allocgate's objects-per-operation metric.
 *
 * How: it adds the can_generate_sampled_object_alloc_events capability, sets the heap sampling
 * interval to 0 (so every allocation is "sampled") and counts in the SampledObjectAlloc callback.
 * Two counters are kept: all threads, and JMH benchmark worker threads only (threads whose name
 * contains "-jmh-worker-", as JMH 1.37 names the threads of its benchmark executor). A thread is
 * classified once, when it starts or at its first allocation, and the result is cached in JVMTI
 * thread-local storage, so an allocation costs one storage lookup and atomic increments.
 *
 * The counters are read from Java through JNI natives of dev.allocgate.profiler.AgentCounters,
 * which HotSpot resolves in the libraries loaded with -agentpath.
 *
 * Load with: java -agentpath:/path/to/liballocgate_agent.so ...  (counts from the start), or with the
 * option "deferred" (-agentpath:...so=deferred) to count only once AgentCounters.startCounting() is called:
 * while every allocation is reported, each takes the JVM's slow path and a callback (about 12 % of a short
 * benchmark JVM's CPU time before its measurement starts, spent on JMH's start-up and the warmup).
 *
 * Options are separated by commas: "deferred", "profile" and "depth=N" (1 to 64, default 8). With "profile" the
 * agent also keeps an allocation profile: while profiling is switched on (AgentCounters.setProfiling), each
 * allocation of a worker thread takes its stack trace (the top N frames, as jmethodID and bytecode index) and adds
 * one object and its size to the entry of (allocated class, frames) in a native table. Classes are told apart by a
 * JVMTI tag on the class object, so the hot path makes no string. The table is read once, after the run, with
 * AgentCounters.profileDump, which resolves classes, methods, source files and line numbers.
 */
#include <jni.h>
#include <jvmti.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bumped when the natives' meaning changes; the Java side checks it. */
#define ALLOCGATE_AGENT_ABI_VERSION 3

/* JMH names its worker threads "<benchmark>-jmh-worker-<n>". */
#define WORKER_NAME_MARKER "-jmh-worker-"

static jvmtiEnv *jvmti_env;

static atomic_llong all_objects;
static atomic_llong worker_objects;
static atomic_llong worker_threads;
static atomic_int counting;

/*
 * JVMTI thread-local storage: NULL means "not classified yet"; &tag_other a thread that is not a JMH worker; anything
 * else the worker's own counter (a worker_counter), which allocgate reads per thread to tell a @Group's members apart.
 * A worker's counter is never freed: a few bytes per JMH worker thread for the life of the JVM.
 */
static char tag_other;

/* ---- allocation profile ("profile" option) ---- */

#define PROFILE_MAX_DEPTH 64
#define PROFILE_DEFAULT_DEPTH 8
/* Entries of (class, frames); a power of two. Allocations that find no free slot are counted as unattributed. */
#define PROFILE_CAPACITY (1 << 15)
#define PROFILE_MAX_CLASSES (1 << 14)

typedef struct {
    jlong hash;                 /* 0: free slot */
    jint class_id;
    jint depth;
    jlong objects;
    jlong bytes;
} profile_entry;

static int profile_mode;
static int profile_depth = PROFILE_DEFAULT_DEPTH;
static atomic_int profiling;
static jrawMonitorID profile_lock;
static profile_entry *profile_entries;     /* PROFILE_CAPACITY entries */
static jmethodID *profile_methods;         /* PROFILE_CAPACITY * profile_depth */
static jlocation *profile_locations;       /* likewise */
static jint profile_used;
static jlong unattributed_objects;
static jlong unattributed_bytes;
static char *class_signatures[PROFILE_MAX_CLASSES];
static jint class_count;

typedef struct {
    atomic_llong objects;
} worker_counter;

/* The counter of workers whose storage could not be set. */
static worker_counter unstored_workers;

static void report_error(jvmtiEnv *jvmti, jvmtiError error, const char *what) {
    char *name = NULL;
    if (jvmti != NULL) {
        (*jvmti)->GetErrorName(jvmti, error, &name);
    }
    fprintf(stderr, "allocgate agent: %s failed: %s (JVMTI error %d)\n", what,
            name != NULL ? name : "unknown", (int) error);
    fflush(stderr);
    if (name != NULL) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) name);
    }
}

/* Looks up the thread's name once and caches whether it is a JMH worker. */
static void *classify_thread(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread) {
    jvmtiThreadInfo info;
    memset(&info, 0, sizeof info);
    void *tag = &tag_other;
    if ((*jvmti)->GetThreadInfo(jvmti, thread, &info) == JVMTI_ERROR_NONE) {
        if (info.name != NULL && strstr(info.name, WORKER_NAME_MARKER) != NULL) {
            worker_counter *counter = malloc(sizeof *counter);
            if (counter != NULL) {
                atomic_init(&counter->objects, 0);
                tag = counter;
                atomic_fetch_add_explicit(&worker_threads, 1, memory_order_relaxed);
            }
        }
        if (info.name != NULL) {
            (*jvmti)->Deallocate(jvmti, (unsigned char *) info.name);
        }
        if (jni != NULL) {
            if (info.thread_group != NULL) {
                (*jni)->DeleteLocalRef(jni, info.thread_group);
            }
            if (info.context_class_loader != NULL) {
                (*jni)->DeleteLocalRef(jni, info.context_class_loader);
            }
        }
    }
    /*
     * If storing fails (e.g. a virtual thread), the thread is classified again next time: slower, still right for the
     * totals; such a worker's own objects go to a shared counter, which no thread's storage holds.
     */
    if ((*jvmti)->SetThreadLocalStorage(jvmti, thread, tag) != JVMTI_ERROR_NONE && tag != &tag_other) {
        free(tag);
        return &unstored_workers;
    }
    return tag;
}

/* The id of a class, from the tag on its class object; a new class gets the next id. Called with the lock held. */
static jint class_id_of(jvmtiEnv *jvmti, jclass klass) {
    jlong tag = 0;
    if ((*jvmti)->GetTag(jvmti, klass, &tag) == JVMTI_ERROR_NONE && tag > 0) {
        return (jint) (tag - 1);
    }
    if (class_count >= PROFILE_MAX_CLASSES) {
        return -1;
    }
    char *signature = NULL;
    if ((*jvmti)->GetClassSignature(jvmti, klass, &signature, NULL) != JVMTI_ERROR_NONE || signature == NULL) {
        return -1;
    }
    char *copy = malloc(strlen(signature) + 1);
    if (copy != NULL) {
        strcpy(copy, signature);
    }
    (*jvmti)->Deallocate(jvmti, (unsigned char *) signature);
    if (copy == NULL) {
        return -1;
    }
    jint id = class_count++;
    class_signatures[id] = copy;
    (*jvmti)->SetTag(jvmti, klass, (jlong) id + 1);
    return id;
}

static jlong mix(jlong h, jlong v) {
    unsigned long long x = (unsigned long long) h ^ (unsigned long long) v;
    x *= 0x9E3779B97F4A7C15ULL;
    return (jlong) (x ^ (x >> 29));
}

/* Adds one allocation of the current (worker) thread to the profile. */
static void profile_allocation(jvmtiEnv *jvmti, jclass klass, jlong size) {
    jvmtiFrameInfo frames[PROFILE_MAX_DEPTH];
    jint depth = 0;
    if ((*jvmti)->GetStackTrace(jvmti, NULL, 0, profile_depth, frames, &depth) != JVMTI_ERROR_NONE) {
        depth = 0;
    }
    if ((*jvmti)->RawMonitorEnter(jvmti, profile_lock) != JVMTI_ERROR_NONE) {
        return;
    }
    jint class_id = class_id_of(jvmti, klass);
    jlong hash = mix(mix(1, class_id), depth);
    for (jint i = 0; i < depth; i++) {
        hash = mix(mix(hash, (jlong) (intptr_t) frames[i].method), frames[i].location);
    }
    if (hash == 0) {
        hash = 1;
    }
    int stored = 0;
    if (class_id >= 0) {
        for (jint probe = 0; probe < PROFILE_CAPACITY; probe++) {
            jint slot = (jint) (((unsigned long long) hash + (unsigned long long) probe) & (PROFILE_CAPACITY - 1));
            profile_entry *e = &profile_entries[slot];
            jmethodID *methods = &profile_methods[(size_t) slot * profile_depth];
            jlocation *locations = &profile_locations[(size_t) slot * profile_depth];
            if (e->hash == 0) {
                if (profile_used >= PROFILE_CAPACITY - PROFILE_CAPACITY / 4) {
                    break; /* full enough: the rest is unattributed */
                }
                e->hash = hash;
                e->class_id = class_id;
                e->depth = depth;
                for (jint i = 0; i < depth; i++) {
                    methods[i] = frames[i].method;
                    locations[i] = frames[i].location;
                }
                profile_used++;
            } else {
                int same = e->hash == hash && e->class_id == class_id && e->depth == depth;
                for (jint i = 0; same && i < depth; i++) {
                    same = methods[i] == frames[i].method && locations[i] == frames[i].location;
                }
                if (!same) {
                    continue;
                }
            }
            e->objects++;
            e->bytes += size;
            stored = 1;
            break;
        }
    }
    if (!stored) {
        unattributed_objects++;
        unattributed_bytes += size;
    }
    (*jvmti)->RawMonitorExit(jvmti, profile_lock);
}

static void JNICALL on_thread_start(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread) {
    classify_thread(jvmti, jni, thread);
}

static void JNICALL on_sampled_object_alloc(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread,
                                            jobject object, jclass object_klass, jlong size) {
    (void) object;
    (void) object_klass;
    (void) size;
    atomic_fetch_add_explicit(&all_objects, 1, memory_order_relaxed);
    void *tag = NULL;
    /* NULL asks for the current thread, which is the allocating one, without resolving the jthread handle. */
    if ((*jvmti)->GetThreadLocalStorage(jvmti, NULL, &tag) != JVMTI_ERROR_NONE || tag == NULL) {
        tag = classify_thread(jvmti, jni, thread);
    }
    if (tag != &tag_other) {
        atomic_fetch_add_explicit(&((worker_counter *) tag)->objects, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&worker_objects, 1, memory_order_relaxed);
        if (profile_mode && atomic_load_explicit(&profiling, memory_order_relaxed)) {
            profile_allocation(jvmti, object_klass, size);
        }
    }
}

JNIEXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *options, void *reserved) {
    (void) reserved;
    int deferred = 0;
    if (options != NULL && options[0] != '\0') {
        char copy[256];
        if (strlen(options) >= sizeof copy) {
            fprintf(stderr, "allocgate agent: option string too long: '%s'\n", options);
            fflush(stderr);
            return JNI_ERR;
        }
        strcpy(copy, options);
        for (char *option = copy; option != NULL;) {
            char *comma = strchr(option, ',');
            if (comma != NULL) {
                *comma = '\0';
            }
            if (strcmp(option, "deferred") == 0) {
                deferred = 1;
            } else if (strcmp(option, "profile") == 0) {
                profile_mode = 1;
            } else if (strncmp(option, "depth=", 6) == 0) {
                char *end = NULL;
                long depth = strtol(option + 6, &end, 10);
                if (end == option + 6 || *end != '\0' || depth < 1 || depth > PROFILE_MAX_DEPTH) {
                    fprintf(stderr, "allocgate agent: depth must be a number from 1 to %d, got '%s'\n",
                            PROFILE_MAX_DEPTH, option + 6);
                    fflush(stderr);
                    return JNI_ERR;
                }
                profile_depth = (int) depth;
            } else {
                fprintf(stderr, "allocgate agent: unknown option '%s' (options: deferred, profile, depth=N)\n",
                        option);
                fflush(stderr);
                return JNI_ERR;
            }
            option = comma != NULL ? comma + 1 : NULL;
        }
    }
    jvmtiEnv *jvmti = NULL;
    jint rc = (*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_11);
    if (rc != JNI_OK || jvmti == NULL) {
        fprintf(stderr, "allocgate agent: this JVM offers no JVMTI 11 environment (GetEnv returned %d); "
                        "counting objects needs JDK 11 or later\n", (int) rc);
        fflush(stderr);
        return JNI_ERR;
    }

    jvmtiCapabilities capabilities;
    memset(&capabilities, 0, sizeof capabilities);
    capabilities.can_generate_sampled_object_alloc_events = 1;
    if (profile_mode) {
        capabilities.can_tag_objects = 1;
        capabilities.can_get_line_numbers = 1;
        capabilities.can_get_source_file_name = 1;
    }
    jvmtiError error = (*jvmti)->AddCapabilities(jvmti, &capabilities);
    if (error != JVMTI_ERROR_NONE) {
        report_error(jvmti, error, "AddCapabilities(can_generate_sampled_object_alloc_events)");
        return JNI_ERR;
    }

    if (profile_mode) {
        error = (*jvmti)->CreateRawMonitor(jvmti, "allocgate profile", &profile_lock);
        if (error != JVMTI_ERROR_NONE) {
            report_error(jvmti, error, "CreateRawMonitor");
            return JNI_ERR;
        }
        profile_entries = calloc(PROFILE_CAPACITY, sizeof *profile_entries);
        profile_methods = calloc((size_t) PROFILE_CAPACITY * profile_depth, sizeof *profile_methods);
        profile_locations = calloc((size_t) PROFILE_CAPACITY * profile_depth, sizeof *profile_locations);
        if (profile_entries == NULL || profile_methods == NULL || profile_locations == NULL) {
            fprintf(stderr, "allocgate agent: no memory for the allocation profile's table\n");
            fflush(stderr);
            return JNI_ERR;
        }
    }

    jvmtiEventCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.SampledObjectAlloc = &on_sampled_object_alloc;
    callbacks.ThreadStart = &on_thread_start;
    error = (*jvmti)->SetEventCallbacks(jvmti, &callbacks, (jint) sizeof callbacks);
    if (error != JVMTI_ERROR_NONE) {
        report_error(jvmti, error, "SetEventCallbacks");
        return JNI_ERR;
    }

    /* Interval 0: every allocation is reported, not a statistical sample. */
    error = (*jvmti)->SetHeapSamplingInterval(jvmti, 0);
    if (error != JVMTI_ERROR_NONE) {
        report_error(jvmti, error, "SetHeapSamplingInterval(0)");
        return JNI_ERR;
    }
    error = (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_THREAD_START, NULL);
    if (error != JVMTI_ERROR_NONE) {
        report_error(jvmti, error, "SetEventNotificationMode(THREAD_START)");
        return JNI_ERR;
    }
    if (!deferred) {
        error = (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_SAMPLED_OBJECT_ALLOC, NULL);
        if (error != JVMTI_ERROR_NONE) {
            report_error(jvmti, error, "SetEventNotificationMode(SAMPLED_OBJECT_ALLOC)");
            return JNI_ERR;
        }
        atomic_store(&counting, 1);
    }
    jvmti_env = jvmti;
    return JNI_OK;
}

/* ---- natives of dev.allocgate.profiler.AgentCounters ---- */

JNIEXPORT jint JNICALL Java_dev_allocgate_profiler_AgentCounters_abiVersion(JNIEnv *jni, jclass type) {
    (void) jni;
    (void) type;
    return jvmti_env != NULL ? ALLOCGATE_AGENT_ABI_VERSION : -1;
}

JNIEXPORT jlong JNICALL Java_dev_allocgate_profiler_AgentCounters_allObjects(JNIEnv *jni, jclass type) {
    (void) jni;
    (void) type;
    return (jlong) atomic_load(&all_objects);
}

JNIEXPORT jlong JNICALL Java_dev_allocgate_profiler_AgentCounters_workerObjects(JNIEnv *jni, jclass type) {
    (void) jni;
    (void) type;
    return (jlong) atomic_load(&worker_objects);
}

/*
 * Starts counting (after the "deferred" option). Threads that allocate from a TLAB they had before this call
 * are counted only from their next TLAB on, so it is called before the threads to be counted start.
 * Returns the JVMTI error code, 0 on success.
 */
JNIEXPORT jint JNICALL Java_dev_allocgate_profiler_AgentCounters_startCounting(JNIEnv *jni, jclass type) {
    (void) jni;
    (void) type;
    if (jvmti_env == NULL) {
        return (jint) JVMTI_ERROR_NOT_AVAILABLE;
    }
    jvmtiError error = (*jvmti_env)->SetEventNotificationMode(jvmti_env, JVMTI_ENABLE,
                                                              JVMTI_EVENT_SAMPLED_OBJECT_ALLOC, NULL);
    if (error == JVMTI_ERROR_NONE) {
        atomic_store(&counting, 1);
    }
    return (jint) error;
}

JNIEXPORT jboolean JNICALL Java_dev_allocgate_profiler_AgentCounters_counting(JNIEnv *jni, jclass type) {
    (void) jni;
    (void) type;
    return atomic_load(&counting) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jlong JNICALL Java_dev_allocgate_profiler_AgentCounters_workerThreads(JNIEnv *jni, jclass type) {
    (void) jni;
    (void) type;
    return (jlong) atomic_load(&worker_threads);
}

/* ---- allocation profile natives ---- */

/* Switches recording on or off; returns 0, or -1 when the agent was loaded without the option "profile". */
JNIEXPORT jint JNICALL Java_dev_allocgate_profiler_AgentCounters_setProfiling(JNIEnv *jni, jclass type,
                                                                              jboolean on) {
    (void) jni;
    (void) type;
    if (jvmti_env == NULL || !profile_mode) {
        return -1;
    }
    atomic_store(&profiling, on ? 1 : 0);
    return 0;
}

/* A growing text buffer for the dump. */
typedef struct {
    char *text;
    size_t length;
    size_t capacity;
    int failed;
} buffer;

static void append(buffer *b, const char *s) {
    size_t n = strlen(s);
    if (b->failed) {
        return;
    }
    if (b->length + n + 1 > b->capacity) {
        size_t capacity = b->capacity == 0 ? 65536 : b->capacity;
        while (b->length + n + 1 > capacity) {
            capacity *= 2;
        }
        char *grown = realloc(b->text, capacity);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->text = grown;
        b->capacity = capacity;
    }
    memcpy(b->text + b->length, s, n + 1);
    b->length += n;
}

static void append_long(buffer *b, jlong value) {
    char number[32];
    snprintf(number, sizeof number, "%lld", (long long) value);
    append(b, number);
}

/* Appends "frame\t<class signature>\t<method>\t<source file or empty>\t<line or -1>\n". */
static void append_frame(buffer *b, jmethodID method, jlocation location) {
    jvmtiEnv *jvmti = jvmti_env;
    jclass klass = NULL;
    char *class_signature = NULL;
    char *name = NULL;
    char *source = NULL;
    jint line = -1;
    if ((*jvmti)->GetMethodDeclaringClass(jvmti, method, &klass) == JVMTI_ERROR_NONE) {
        (*jvmti)->GetClassSignature(jvmti, klass, &class_signature, NULL);
        (*jvmti)->GetSourceFileName(jvmti, klass, &source);
    }
    (*jvmti)->GetMethodName(jvmti, method, &name, NULL, NULL);
    jint count = 0;
    jvmtiLineNumberEntry *table = NULL;
    if ((*jvmti)->GetLineNumberTable(jvmti, method, &count, &table) == JVMTI_ERROR_NONE) {
        jlocation best = -1;
        for (jint i = 0; i < count; i++) {
            if (table[i].start_location <= location && table[i].start_location > best) {
                best = table[i].start_location;
                line = table[i].line_number;
            }
        }
        (*jvmti)->Deallocate(jvmti, (unsigned char *) table);
    }
    append(b, "frame\t");
    append(b, class_signature != NULL ? class_signature : "?");
    append(b, "\t");
    append(b, name != NULL ? name : "?");
    append(b, "\t");
    append(b, source != NULL ? source : "");
    append(b, "\t");
    append_long(b, line);
    append(b, "\n");
    if (class_signature != NULL) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) class_signature);
    }
    if (source != NULL) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) source);
    }
    if (name != NULL) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) name);
    }
}

/*
 * The profile as text, one line per fact, fields separated by tabs: "entry <objects> <bytes> <class signature>",
 * followed by its frames (top first) as "frame ..." lines (see append_frame), and at the end "unattributed
 * <objects> <bytes>" (allocations the full table could not take). Null when the agent has no profile or no memory.
 */
JNIEXPORT jstring JNICALL Java_dev_allocgate_profiler_AgentCounters_profileDump(JNIEnv *jni, jclass type) {
    (void) type;
    if (jvmti_env == NULL || !profile_mode) {
        return NULL;
    }
    jvmtiEnv *jvmti = jvmti_env;
    buffer b = {NULL, 0, 0, 0};
    (*jvmti)->RawMonitorEnter(jvmti, profile_lock);
    for (jint slot = 0; slot < PROFILE_CAPACITY; slot++) {
        profile_entry *e = &profile_entries[slot];
        if (e->hash == 0 || e->objects == 0) {
            continue;
        }
        append(&b, "entry\t");
        append_long(&b, e->objects);
        append(&b, "\t");
        append_long(&b, e->bytes);
        append(&b, "\t");
        append(&b, class_signatures[e->class_id]);
        append(&b, "\n");
        for (jint i = 0; i < e->depth; i++) {
            append_frame(&b, profile_methods[(size_t) slot * profile_depth + i],
                         profile_locations[(size_t) slot * profile_depth + i]);
        }
    }
    append(&b, "unattributed\t");
    append_long(&b, unattributed_objects);
    append(&b, "\t");
    append_long(&b, unattributed_bytes);
    append(&b, "\n");
    (*jvmti)->RawMonitorExit(jvmti, profile_lock);
    jstring result = b.failed ? NULL : (*jni)->NewStringUTF(jni, b.text);
    free(b.text);
    return result;
}

/* Objects counted on one JMH worker thread so far, or -1 when the thread is not (yet) classified as one. */
JNIEXPORT jlong JNICALL Java_dev_allocgate_profiler_AgentCounters_threadObjects(JNIEnv *jni, jclass type, jthread thread) {
    (void) jni;
    (void) type;
    void *tag = NULL;
    if (jvmti_env == NULL || thread == NULL
            || (*jvmti_env)->GetThreadLocalStorage(jvmti_env, thread, &tag) != JVMTI_ERROR_NONE
            || tag == NULL || tag == &tag_other) {
        return -1;
    }
    return (jlong) atomic_load(&((worker_counter *) tag)->objects);
}
