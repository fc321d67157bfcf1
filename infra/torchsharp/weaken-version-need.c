/* weaken-version-need: marks one symbol-version requirement of an ELF64 shared library weak.

   TorchSharp 0.107's libLibTorchSharp.so asks libstdc++ for GLIBCXX_3.4.32 (for the single symbol
   std::ios_base_library_init(), referenced but never called). Debian 12's libstdc++ defines versions up to
   GLIBCXX_3.4.30, so the dynamic loader refuses the library. A requirement flagged VER_FLG_WEAK in the
   .gnu.version_r section is only checked when the needed library defines versions at all, and its absence is
   not fatal: the loader then binds the symbols by name. This program sets that flag, in place, on the entry
   that names the given version, unless the library the entry needs (found with dlopen) defines that version
   already, in which case it changes nothing.

   usage: weaken-version-need FILE VERSION        e.g.  weaken-version-need bin/libLibTorchSharp.so GLIBCXX_3.4.32
   exit:  0 patched, already weak, not needed, or no such requirement (one line on stdout says which);
          1 the file could not be read or written, or is not a little-endian ELF64 shared object (stderr says why);
          2 bad arguments. */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *image;
static long image_size;

static int fail(const char *file, const char *what)
{
    fprintf(stderr, "weaken-version-need: %s: %s\n", file, what);
    return 1;
}

/* True when [offset, offset + length) lies inside the file. */
static int inside(uint64_t offset, uint64_t length)
{
    return offset <= (uint64_t)image_size && length <= (uint64_t)image_size - offset;
}

static const Elf64_Shdr *section_of_type(const Elf64_Ehdr *eh, uint32_t type)
{
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(image + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == type) return &sh[i];
    return NULL;
}

/* Whether the library `file` (as the loader would find it) defines `version` for any symbol of ours that
   carries that version index. */
static int system_defines(const Elf64_Ehdr *eh, const char *needed_file, const char *version, uint16_t index)
{
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(image + eh->e_shoff);
    const Elf64_Shdr *dynsym = section_of_type(eh, SHT_DYNSYM);
    const Elf64_Shdr *versym = section_of_type(eh, SHT_GNU_versym);
    if (dynsym == NULL || versym == NULL || dynsym->sh_link >= eh->e_shnum) return 0;
    const Elf64_Shdr *strtab = &sh[dynsym->sh_link];
    void *lib = dlopen(needed_file, RTLD_LAZY | RTLD_LOCAL);
    if (lib == NULL) return 0;
    size_t count = dynsym->sh_size / sizeof(Elf64_Sym);
    const Elf64_Sym *syms = (const Elf64_Sym *)(image + dynsym->sh_offset);
    const uint16_t *versions = (const uint16_t *)(image + versym->sh_offset);
    int defined = 0;
    for (size_t i = 0; i < count && !defined; i++)
    {
        if ((versions[i] & 0x7fff) != index || syms[i].st_name >= strtab->sh_size) continue;
        const char *name = (const char *)(image + strtab->sh_offset + syms[i].st_name);
        defined = dlvsym(lib, name, version) != NULL;
    }
    dlclose(lib);
    return defined;
}

int main(int argc, char **argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: weaken-version-need FILE VERSION (e.g. GLIBCXX_3.4.32)\n");
        return 2;
    }
    const char *file = argv[1], *version = argv[2];
    FILE *f = fopen(file, "r+b");
    if (f == NULL) return fail(file, strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0 || (image_size = ftell(f)) < (long)sizeof(Elf64_Ehdr) || fseek(f, 0, SEEK_SET) != 0)
    {
        fclose(f);
        return fail(file, "cannot size the file, or it is shorter than an ELF header");
    }
    image = malloc((size_t)image_size);
    if (image == NULL || fread(image, 1, (size_t)image_size, f) != (size_t)image_size)
    {
        fclose(f);
        return fail(file, "cannot read the file");
    }
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
    {
        fclose(f);
        return fail(file, "not a little-endian ELF64 file");
    }
    if (eh->e_shentsize != sizeof(Elf64_Shdr) || !inside(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)))
    {
        fclose(f);
        return fail(file, "section header table out of the file");
    }
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(image + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type != SHT_NOBITS && !inside(sh[i].sh_offset, sh[i].sh_size))
        {
            fclose(f);
            return fail(file, "a section lies outside the file");
        }
    const Elf64_Shdr *verneed = section_of_type(eh, SHT_GNU_verneed);
    if (verneed == NULL || verneed->sh_link >= eh->e_shnum)
    {
        fclose(f);
        printf("%s: no version requirements: nothing to do\n", file);
        return 0;
    }
    const Elf64_Shdr *names = &sh[verneed->sh_link];

    /* Walk Verneed entries (one per needed library) and their Vernaux entries (one per version). */
    uint64_t need_at = verneed->sh_offset;
    for (;;)
    {
        if (!inside(need_at, sizeof(Elf64_Verneed))) break;
        const Elf64_Verneed *need = (const Elf64_Verneed *)(image + need_at);
        const char *needed_file = need->vn_file < names->sh_size ? (const char *)(image + names->sh_offset + need->vn_file) : "";
        uint64_t aux_at = need_at + need->vn_aux;
        for (int j = 0; j < need->vn_cnt && inside(aux_at, sizeof(Elf64_Vernaux)); j++)
        {
            Elf64_Vernaux *aux = (Elf64_Vernaux *)(image + aux_at);
            const char *name = aux->vna_name < names->sh_size ? (const char *)(image + names->sh_offset + aux->vna_name) : "";
            if (strcmp(name, version) == 0)
            {
                int rc = 0;
                if (aux->vna_flags & VER_FLG_WEAK)
                    printf("%s: %s (from %s) is weak already\n", file, version, needed_file);
                else if (system_defines(eh, needed_file, version, aux->vna_other))
                    printf("%s: %s defines %s: no patch needed\n", file, needed_file, version);
                else
                {
                    aux->vna_flags |= VER_FLG_WEAK;
                    long at = (long)((unsigned char *)&aux->vna_flags - image);
                    if (fseek(f, at, SEEK_SET) != 0 || fwrite(&aux->vna_flags, sizeof aux->vna_flags, 1, f) != 1)
                        rc = fail(file, "cannot write the flag");
                    else
                        printf("%s: marked %s (from %s) weak\n", file, version, needed_file);
                }
                if (fclose(f) != 0 && rc == 0) rc = fail(file, "cannot close the file after writing");
                free(image);
                return rc;
            }
            if (aux->vna_next == 0) break;
            aux_at += aux->vna_next;
        }
        if (need->vn_next == 0) break;
        need_at += need->vn_next;
    }
    fclose(f);
    free(image);
    printf("%s: no requirement on %s: nothing to do\n", file, version);
    return 0;
}
