/* l4wasm's <sys/cdefs.h> (wasi-libc has none): glibc's macros that portable programs and libraries
 * use when they include it themselves: declarations for C and C++, attributes by their glibc names,
 * token pasting. Each only where nothing defined it already (wasi-libc's <features.h> has
 * __restrict, __inline and __REDIR); no fortification and no __GLIBC__ (this is not glibc). */
#ifndef _SYS_CDEFS_H
#define _SYS_CDEFS_H

#include <features.h>

#ifdef __cplusplus
# ifndef __BEGIN_DECLS
#  define __BEGIN_DECLS extern "C" {
#  define __END_DECLS }
# endif
#else
# ifndef __BEGIN_DECLS
#  define __BEGIN_DECLS
#  define __END_DECLS
# endif
#endif

#ifndef __GNUC_PREREQ
# define __GNUC_PREREQ(maj, min) ((__GNUC__ << 16) + __GNUC_MINOR__ >= ((maj) << 16) + (min))
#endif
#ifndef __glibc_clang_prereq
# define __glibc_clang_prereq(maj, min) ((__clang_major__ << 16) + __clang_minor__ >= ((maj) << 16) + (min))
#endif
#ifndef __glibc_has_attribute
# define __glibc_has_attribute(attr) __has_attribute(attr)
#endif
#ifndef __glibc_has_builtin
# define __glibc_has_builtin(name) __has_builtin(name)
#endif
#ifndef __glibc_has_extension
# define __glibc_has_extension(ext) __has_extension(ext)
#endif

/* Functions that throw no C++ exception, and leaf functions. */
#ifndef __THROW
# if defined __cplusplus && __cplusplus >= 201103L
#  define __THROW noexcept (true)
#  define __THROWNL noexcept (true)
#  define __NTH(fct) __LEAF_ATTR fct noexcept (true)
#  define __NTHNL(fct) fct noexcept (true)
# elif defined __cplusplus
#  define __THROW throw ()
#  define __THROWNL throw ()
#  define __NTH(fct) __LEAF_ATTR fct throw ()
#  define __NTHNL(fct) fct throw ()
# else
#  define __THROW __attribute__ ((__nothrow__ __LEAF))
#  define __THROWNL __attribute__ ((__nothrow__))
#  define __NTH(fct) __attribute__ ((__nothrow__ __LEAF)) fct
#  define __NTHNL(fct) __attribute__ ((__nothrow__)) fct
# endif
#endif
#ifndef __LEAF
# define __LEAF , __leaf__
# define __LEAF_ATTR __attribute__ ((__leaf__))
#endif

/* Prototypes for K&R-era declarations. */
#ifndef __P
# define __P(args) args
# define __PMT(args) args
#endif

#ifndef __CONCAT
# define __CONCAT(x, y) x ## y
#endif
#ifndef __STRING
# define __STRING(x) #x
#endif
#ifndef __ptr_t
# define __ptr_t void *
#endif
#ifndef __long_double_t
# define __long_double_t long double
#endif

/* C++ needs a cast where C takes a pointer as it is. */
#ifndef __bos
# define __bos(ptr) __builtin_object_size (ptr, 0)
# define __bos0(ptr) __builtin_object_size (ptr, 0)
#endif

#ifndef __warndecl
# define __warndecl(name, msg) extern void name (void) __attribute__((__warning__ (msg)))
# define __warnattr(msg) __attribute__((__warning__ (msg)))
# define __errordecl(name, msg) extern void name (void) __attribute__((__error__ (msg)))
#endif

/* A flexible array member at the end of a structure. */
#ifndef __flexarr
# define __flexarr []
# define __glibc_c99_flexarr_available 1
#endif

/* Declarations under another symbol name. */
#ifndef __REDIRECT
# define __REDIRECT(name, proto, alias) name proto __asm__ (__ASMNAME (#alias))
# ifdef __cplusplus
#  define __REDIRECT_NTH(name, proto, alias) name proto __THROW __asm__ (__ASMNAME (#alias))
#  define __REDIRECT_NTHNL(name, proto, alias) name proto __THROWNL __asm__ (__ASMNAME (#alias))
# else
#  define __REDIRECT_NTH(name, proto, alias) name proto __asm__ (__ASMNAME (#alias)) __THROW
#  define __REDIRECT_NTHNL(name, proto, alias) name proto __asm__ (__ASMNAME (#alias)) __THROWNL
# endif
# define __ASMNAME(cname) __ASMNAME2 (__USER_LABEL_PREFIX__, cname)
# define __ASMNAME2(prefix, cname) __STRING (prefix) cname
#endif

/* Attributes by glibc's names. */
#ifndef __attribute_malloc__
# define __attribute_malloc__ __attribute__ ((__malloc__))
#endif
#ifndef __attribute_alloc_size__
# define __attribute_alloc_size__(params) __attribute__ ((__alloc_size__ params))
#endif
#ifndef __attribute_alloc_align__
# define __attribute_alloc_align__(param) __attribute__ ((__alloc_align__ param))
#endif
#ifndef __attribute_pure__
# define __attribute_pure__ __attribute__ ((__pure__))
#endif
#ifndef __attribute_const__
# define __attribute_const__ __attribute__ ((__const__))
#endif
#ifndef __attribute_maybe_unused__
# define __attribute_maybe_unused__ __attribute__ ((__unused__))
#endif
#ifndef __attribute_used__
# define __attribute_used__ __attribute__ ((__used__))
#endif
#ifndef __attribute_noinline__
# define __attribute_noinline__ __attribute__ ((__noinline__))
#endif
#ifndef __attribute_deprecated__
# define __attribute_deprecated__ __attribute__ ((__deprecated__))
#endif
#ifndef __attribute_deprecated_msg__
# define __attribute_deprecated_msg__(msg) __attribute__ ((__deprecated__ (msg)))
#endif
#ifndef __attribute_format_arg__
# define __attribute_format_arg__(x) __attribute__ ((__format_arg__ (x)))
#endif
#ifndef __attribute_format_strfmon__
# define __attribute_format_strfmon__(a, b) __attribute__ ((__format__ (__strfmon__, a, b)))
#endif
#ifndef __attribute_nonnull__
# define __attribute_nonnull__(params) __attribute__ ((__nonnull__ params))
#endif
#ifndef __nonnull
# define __nonnull(params) __attribute_nonnull__ (params)
#endif
#ifndef __returns_nonnull
# define __returns_nonnull __attribute__ ((__returns_nonnull__))
#endif
#ifndef __attribute_warn_unused_result__
# define __attribute_warn_unused_result__ __attribute__ ((__warn_unused_result__))
#endif
#ifndef __wur
# define __wur
#endif
#ifndef __always_inline
# define __always_inline __inline __attribute__ ((__always_inline__))
#endif
#ifndef __attribute_artificial__
# define __attribute_artificial__ __attribute__ ((__artificial__))
#endif
#ifndef __extern_inline
# define __extern_inline extern __inline __attribute__ ((__gnu_inline__))
# define __extern_always_inline extern __always_inline __attribute__ ((__gnu_inline__))
#endif
#ifndef __fortify_function
# define __fortify_function __extern_always_inline __attribute_artificial__
#endif
#ifndef __attribute_nonstring__
# define __attribute_nonstring__
#endif
#ifndef __attribute_copy__
# define __attribute_copy__(arg)
#endif
#ifndef __attribute_returns_twice__
# define __attribute_returns_twice__ __attribute__ ((__returns_twice__))
#endif
#ifndef __attr_access
# define __attr_access(x)
# define __attr_access_none(argno)
# define __fortified_attr_access(a, o, s)
#endif
#ifndef __attr_dealloc
# define __attr_dealloc(dealloc, argno) __attribute__ ((__malloc__))
# define __attr_dealloc_free __attr_dealloc (__builtin_free, 1)
#endif
#ifndef __glibc_unlikely
# define __glibc_unlikely(cond) __builtin_expect ((cond), 0)
# define __glibc_likely(cond) __builtin_expect ((cond), 1)
#endif
#ifndef __glibc_macro_warning
# define __glibc_macro_warning1(message) _Pragma (#message)
# define __glibc_macro_warning(message) __glibc_macro_warning1 (GCC warning message)
#endif
#ifndef __HAVE_GENERIC_SELECTION
# if defined __STDC_VERSION__ && __STDC_VERSION__ >= 201112L
#  define __HAVE_GENERIC_SELECTION 1
# else
#  define __HAVE_GENERIC_SELECTION 0
# endif
#endif

/* An array parameter that is restrict-qualified (C99 [restrict]). */
#ifndef __restrict_arr
# if defined __STDC_VERSION__ && __STDC_VERSION__ >= 199901L && !defined __cplusplus
#  define __restrict_arr __restrict
# else
#  define __restrict_arr
# endif
#endif

/* long double is its own type here, no redirections. */
#ifndef __LDBL_REDIR
# define __LDBL_REDIR1(name, proto, alias) name proto
# define __LDBL_REDIR(name, proto) name proto
# define __LDBL_REDIR1_NTH(name, proto, alias) name proto __THROW
# define __LDBL_REDIR_NTH(name, proto) name proto __THROW
# define __LDBL_REDIR_DECL(name)
# define __REDIRECT_LDBL(name, proto, alias) __REDIRECT (name, proto, alias)
# define __REDIRECT_NTH_LDBL(name, proto, alias) __REDIRECT_NTH (name, proto, alias)
#endif

#endif
