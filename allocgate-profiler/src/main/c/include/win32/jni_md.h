/*
 * Machine-dependent JNI types for building the allocgate agent as a Windows x64 DLL with MinGW-w64.
 * A Linux JDK ships only include/linux/jni_md.h, so these few definitions are written here;
 * they follow the JNI specification's type sizes (jint 32-bit, jlong 64-bit, jbyte signed 8-bit).
 */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#include <stdint.h>

#define JNIEXPORT __declspec(dllexport)
#define JNIIMPORT __declspec(dllimport)
#define JNICALL __stdcall

typedef int32_t jint;
typedef int64_t jlong;
typedef int8_t jbyte;

#endif /* !_JAVASOFT_JNI_MD_H_ */
