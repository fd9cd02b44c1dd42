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
 */
#include <jni.h>
#include <jvmti.h>
#include <stdatomic.h>
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
    }
}

JNIEXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *options, void *reserved) {
    (void) reserved;
    int deferred = options != NULL && strcmp(options, "deferred") == 0;
    if (options != NULL && options[0] != '\0' && !deferred) {
        fprintf(stderr, "allocgate agent: unknown option '%s' (the only option is 'deferred')\n", options);
        fflush(stderr);
        return JNI_ERR;
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
    jvmtiError error = (*jvmti)->AddCapabilities(jvmti, &capabilities);
    if (error != JVMTI_ERROR_NONE) {
        report_error(jvmti, error, "AddCapabilities(can_generate_sampled_object_alloc_events)");
        return JNI_ERR;
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
