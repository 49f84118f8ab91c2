#!/usr/bin/env python3
"""Generate src/core/ioctl_arg_names.c: the names the ioctl families print in
their arguments and results (input event types and codes, KVM capabilities and
exit reasons, SCSI generic and device-mapper constants, video4linux2's enums,
flags, pixel formats and control ids, the console's modes and key symbols), read
from the kernel's UAPI headers.

A name defined as another name (BTN_A as BTN_SOUTH) is an alias and left out;
when several numbers share a value the last one defined wins, as strace names
them (BTN_0 over BTN_MISC). Flag tables keep their header order. Run:
    python3 scripts/gen-ioctl-args.py
and commit the result.
"""
import os
import re
import sys

from uapi_values import INC, define_names, enum_names, table

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "src/core/ioctl_arg_names.c")
HDR = os.path.join(ROOT, "src/core/ioctl_arg_names.h")

EV = ["linux/input.h"]
NUMBER = r"\(?-?(0x[0-9a-fA-F]+|\d+)\)?"


def numbers(header, pattern, exclude=r".*_(MAX|CNT)"):
    """The names header #defines as a number (or a shift of one), matching
    pattern, in order; aliases and exclude are left out."""
    found = []
    for line in open(os.path.join(INC, header)):
        m = re.match(r"\s*#\s*define\s+(%s)\s+(%s|\(1\s*<<\s*\d+\))\s*(/\*.*)?$" % (pattern, NUMBER),
                     line)
        if m and not re.fullmatch(exclude, m.group(1)):
            found.append(m.group(1))
    return found


def last_wins(headers, names):
    """Sorted by value; of names sharing a value, the last."""
    return table(headers, list(reversed(names)))


def as_u32(rows):
    """Negative values of a 32-bit field, as the field holds them."""
    return sorted((v & 0xffffffff, n) for v, n in rows)


def in_order(headers, names):
    return table(headers, names, sort=False)


V4L2 = ["linux/videodev2.h"]
CTRLS = "linux/v4l2-controls.h"


def v4l2_enum(first):
    return table(V4L2, enum_names(V4L2[0], first))


def v4l2_defines(pattern, exclude=None, header=V4L2[0]):
    """Sorted by value, as strace prints their names and bits."""
    return table(V4L2, define_names(header, pattern, exclude))


KD = ["linux/kd.h", "linux/keyboard.h"]


def kd_defines(pattern, exclude=None, header="linux/kd.h"):
    return table(KD, define_names(header, pattern, exclude))


def kd_default_leds():
    """KDGKBLED's byte: the LEDs, and the default LEDs four bits up ("LED_CAP<<4")."""
    leds = kd_defines(r"LED_(SCR|NUM|CAP)")
    return leds + [(v << 4, n + "<<4") for v, n in leds]


def kd_keys():
    """Every key symbol K(type, value) of linux/keyboard.h that strace names (the
    types with a table of names), by its full value."""
    types = ("FN", "SPEC", "PAD", "DEAD", "CUR", "SHIFT", "ASCII", "LOCK", "SLOCK", "BRL")
    names = define_names("linux/keyboard.h", r"K_\w+",
                         r"K_(NORMTAB|SHIFTTAB|ALTTAB|ALTSHIFTTAB|\w*_OFFSET)")
    vals = table(KD, names)
    named = {v for v, _ in table(KD, ["KT_" + t for t in types])}
    return [(v, n) for v, n in vals if v >> 8 in named]


def kd_fn_vals():
    """KDGKBSENT's kb_func, the value of a function key: "KVAL(K_F1)"."""
    keys = table(KD, define_names("linux/keyboard.h", r"K_\w+"))
    kt_fn = table(KD, ["KT_FN"])[0][0]
    return [(v & 0xff, "KVAL(%s)" % n) for v, n in keys if v >> 8 == kt_fn]


CODES = "linux/input-event-codes.h"
PTP = ["linux/ptp_clock.h"]
MTD = ["mtd/mtd-abi.h"]
UBI = ["mtd/ubi-user.h"]
BSG = ["linux/bsg.h"]
# SG_SCSI_RESET's newer values: the kernel's scsi/sg.h has them, the copy the C
# library installs predates them; strace names them.
SG_RESETS_NEWER = [(4, "SG_SCSI_RESET_TARGET")]
SG_RESET_FLAGS = [(0x100, "SG_SCSI_RESET_NO_ESCALATE")]
# The data types of a LEB change or map: the kernel ignores them now and its
# header no longer names them, but programs still pass them and strace names
# them.
UBI_DATA_TYPES = [(1, "UBI_LONGTERM"), (2, "UBI_SHORTTERM"), (3, "UBI_UNKNOWN")]
# A flag user space (lvm2's libdm) sets in struct dm_ioctl beside the kernel's;
# strace names it, and no UAPI header defines it.
DM_LIBDM_FLAGS = [(0x4, "DM_EXISTS_FLAG")]
HDREG = ["linux/hdreg.h"]
# The ATA commands of HDIO_DRIVE_CMD by the names strace gives them: the
# kernel's include/linux/ata.h, which is no UAPI header (linux/hdreg.h has the
# same numbers under older WIN_* names).
ATA_CMDS = [
    (0x00, "NOP"), (0x03, "CFA_REQ_EXT_ERR"), (0x06, "DSM"), (0x08, "DEV_RESET"),
    (0x0B, "REQ_SENSE_DATA"), (0x10, "RESTORE"), (0x20, "PIO_READ"), (0x22, "READ_LONG"),
    (0x23, "READ_LONG_ONCE"), (0x24, "PIO_READ_EXT"), (0x25, "READ_EXT"), (0x26, "READ_QUEUED"),
    (0x27, "READ_NATIVE_MAX_EXT"), (0x29, "READ_MULTI_EXT"), (0x2A, "READ_STREAM_DMA_EXT"),
    (0x2B, "READ_STREAM_EXT"), (0x2F, "READ_LOG_EXT"), (0x30, "PIO_WRITE"), (0x32, "WRITE_LONG"),
    (0x33, "WRITE_LONG_ONCE"), (0x34, "PIO_WRITE_EXT"), (0x35, "WRITE_EXT"),
    (0x36, "WRITE_QUEUED"), (0x37, "SET_MAX_EXT"), (0x38, "CFA_WRITE_NE"),
    (0x39, "WRITE_MULTI_EXT"), (0x3A, "WRITE_STREAM_DMA_EXT"), (0x3B, "WRITE_STREAM_EXT"),
    (0x3D, "WRITE_FUA_EXT"), (0x3E, "WRITE_QUEUED_FUA_EXT"), (0x3F, "WRITE_LOG_EXT"),
    (0x40, "VERIFY"), (0x42, "VERIFY_EXT"), (0x45, "WRITE_UNCORR_EXT"),
    (0x47, "READ_LOG_DMA_EXT"), (0x4A, "ZAC_MGMT_IN"), (0x51, "CONFIG_STREAM"),
    (0x57, "WRITE_LOG_DMA_EXT"), (0x5B, "TRUSTED_NONDATA"), (0x5C, "TRUSTED_RCV"),
    (0x5D, "TRUSTED_RCV_DMA"), (0x5E, "TRUSTED_SND"), (0x5F, "TRUSTED_SND_DMA"),
    (0x60, "FPDMA_READ"), (0x61, "FPDMA_WRITE"), (0x63, "NCQ_NON_DATA"), (0x64, "FPDMA_SEND"),
    (0x65, "FPDMA_RECV"), (0x87, "CFA_TRANS_SECT"), (0x90, "EDD"), (0x91, "INIT_DEV_PARAMS"),
    (0x92, "DOWNLOAD_MICRO"), (0x93, "DOWNLOAD_MICRO_DMA"), (0x9F, "ZAC_MGMT_OUT"),
    (0xA0, "PACKET"), (0xA1, "ID_ATAPI"), (0xA2, "SERVICE"), (0xB0, "SMART"),
    (0xB1, "CONF_OVERLAY"), (0xB4, "SANITIZE_DEVICE"), (0xC0, "CFA_ERASE"),
    (0xC4, "READ_MULTI"), (0xC5, "WRITE_MULTI"), (0xC6, "SET_MULTI"), (0xC8, "READ"),
    (0xCA, "WRITE"), (0xCD, "CFA_WRITE_MULT_NE"), (0xCE, "WRITE_MULTI_FUA_EXT"),
    (0xD1, "CHK_MED_CRD_TYP"), (0xDE, "MEDIA_LOCK"), (0xDF, "MEDIA_UNLOCK"),
    (0xE0, "STANDBYNOW1"), (0xE1, "IDLEIMMEDIATE"), (0xE2, "STANDBY"), (0xE3, "IDLE"),
    (0xE4, "PMP_READ"), (0xE5, "CHK_POWER"), (0xE6, "SLEEP"), (0xE7, "FLUSH"),
    (0xE8, "PMP_WRITE"), (0xE9, "PMP_READ_DMA"), (0xEA, "FLUSH_EXT"), (0xEB, "PMP_WRITE_DMA"),
    (0xEC, "ID_ATA"), (0xEF, "SET_FEATURES"), (0xF1, "SEC_SET_PASS"), (0xF2, "SEC_UNLOCK"),
    (0xF3, "SEC_ERASE_PREP"), (0xF4, "SEC_ERASE_UNIT"), (0xF5, "SEC_FREEZE_LOCK"),
    (0xF6, "SEC_DISABLE_PASS"), (0xF8, "READ_NATIVE_MAX"), (0xF9, "SET_MAX"),
]


def hdio_nice():
    """The IDE "nice" bit numbers as bits, named "1 << IDE_NICE_1", in header order."""
    return [(1 << v, "1 << " + n) for v, n in in_order(HDREG, define_names(HDREG[0], r"IDE_NICE_\w+"))]


LIRC = ["linux/lirc.h"]
TEE = ["linux/tee.h"]
# The flags of shared memory as strace names them: the kernel's TEE_SHM_* of
# include/linux/tee_drv.h (no UAPI header), with TEE_IOCTL_ before them.
TEE_SHM_FLAGS = [(0x1, "TEE_IOCTL_SHM_MAPPED"), (0x2, "TEE_IOCTL_SHM_DMA_BUF"),
                 (0x4, "TEE_IOCTL_SHM_EXT_DMA_BUF"), (0x8, "TEE_IOCTL_SHM_REGISTER"),
                 (0x10, "TEE_IOCTL_SHM_USER_MAPPED"), (0x20, "TEE_IOCTL_SHM_POOL"),
                 (0x40, "TEE_IOCTL_SHM_KERNEL_MAPPED")]
# Where an error came from: the GlobalPlatform TEE Client API's TEEC_ORIGIN_*,
# which linux/tee.h only mentions.
TEE_ORIGINS = [(1, "TEEC_ORIGIN_API"), (2, "TEEC_ORIGIN_COMMS"), (3, "TEEC_ORIGIN_TEE"),
               (4, "TEEC_ORIGIN_TRUSTED_APP")]
GPIO = ["linux/gpio.h"]
BTRFS = ["linux/btrfs.h", "linux/btrfs_tree.h"]
# What strace 6.1 names of btrfs: its tables predate some of the header's names
# (RAID1C3 and RAID1C4 profiles, the SPEC_BY_ID flags of a subvolume), which it
# shows as numbers. The compression and checksum types are the kernel's own
# (fs/btrfs/compression.h, ctree.h), which no UAPI header names.
BTRFS_COMPRESS = [(0, "BTRFS_COMPRESS_NONE"), (1, "BTRFS_COMPRESS_ZLIB"), (2, "BTRFS_COMPRESS_LZO"),
                  (3, "BTRFS_COMPRESS_ZSTD")]
BTRFS_CSUM = [(0, "BTRFS_CSUM_TYPE_CRC32"), (1, "BTRFS_CSUM_TYPE_XXHASH"),
              (2, "BTRFS_CSUM_TYPE_SHA256"), (3, "BTRFS_CSUM_TYPE_BLAKE2")]


def btrfs(pattern, exclude=None, header="linux/btrfs.h", sort=True):
    return table(BTRFS, define_names(header, pattern, exclude), sort)


def btrfs_objectids():
    """The trees with a name, the first and last free ids, and UINT64_MAX."""
    names = define_names("linux/btrfs_tree.h", r"BTRFS_\w+_TREE(_DIR)?_OBJECTID|BTRFS_(FIRST|LAST)_FREE_OBJECTID",
                         r"BTRFS_(DATA_RELOC|FIRST_CHUNK)\w+")
    return sorted((v & 0xffffffffffffffff, n) for v, n in table(BTRFS, names)) + \
        [(0xffffffffffffffff, "UINT64_MAX")]


def btrfs_key_types():
    """Every key type, the later of two names for a number winning
    (BTRFS_TEMPORARY_ITEM_KEY over BTRFS_BALANCE_ITEM_KEY), and UINT32_MAX."""
    names = define_names("linux/btrfs_tree.h", r"BTRFS_\w+_KEY|BTRFS_UUID_KEY_\w+")
    return last_wins(BTRFS, names) + [(0xffffffff, "UINT32_MAX")]


TABLES = [
    ("sg_evdev_ev", lambda: last_wins(EV, numbers(CODES, r"EV_\w+"))),
    ("sg_evdev_keys", lambda: last_wins(EV, numbers(CODES, r"(KEY|BTN)_\w+"))),
    ("sg_evdev_abs", lambda: last_wins(EV, numbers(CODES, r"ABS_\w+"))),
    ("sg_evdev_rel", lambda: last_wins(EV, numbers(CODES, r"REL_\w+"))),
    ("sg_evdev_msc", lambda: last_wins(EV, numbers(CODES, r"MSC_\w+"))),
    ("sg_evdev_sw", lambda: last_wins(EV, numbers(CODES, r"SW_\w+"))),
    ("sg_evdev_led", lambda: last_wins(EV, numbers(CODES, r"LED_\w+"))),
    ("sg_evdev_snd", lambda: last_wins(EV, numbers(CODES, r"SND_\w+"))),
    ("sg_evdev_rep", lambda: last_wins(EV, numbers(CODES, r"REP_\w+"))),
    ("sg_evdev_prop", lambda: last_wins(EV, numbers(CODES, r"INPUT_PROP_\w+"))),
    ("sg_evdev_ff", lambda: last_wins(EV, numbers("linux/input.h", r"FF_\w+",
                                                  r"FF_(STATUS_\w+|\w+_(MIN|MAX)|MAX\w*|CNT)"))),
    ("sg_evdev_ff_status", lambda: last_wins(EV, numbers("linux/input.h", r"FF_STATUS_\w+"))),
    ("sg_kvm_caps", lambda: last_wins(["linux/kvm.h"], numbers("linux/kvm.h", r"KVM_CAP_\w+"))),
    # struct kvm_run's exit_reason, not the sub-codes of one reason's union member
    ("sg_kvm_exit_reasons", lambda: last_wins(["linux/kvm.h"], numbers(
        "linux/kvm.h", r"KVM_EXIT_\w+", r"KVM_EXIT_((HYPERV|XEN)_\w+|IO_(IN|OUT))"))),
    ("sg_sg_dxfer", lambda: as_u32(last_wins(["scsi/sg.h"], numbers("scsi/sg.h", r"SG_DXFER_\w+")))),
    ("sg_sg_io_flags", lambda: in_order(["scsi/sg.h"],
                                        numbers("scsi/sg.h", r"SG_FLAG_\w+"))),
    ("sg_sg_info", lambda: in_order(["scsi/sg.h"],
                                    numbers("scsi/sg.h", r"SG_INFO_(CHECK|DIRECT_IO|MIXED_IO)"))),
    ("sg_ptp_extts_flags", lambda: in_order(PTP, numbers(PTP[0], r"PTP_(ENABLE_FEATURE|\w+_EDGE|STRICT_FLAGS)"))),
    ("sg_ptp_perout_flags", lambda: in_order(PTP, numbers(PTP[0], r"PTP_PEROUT_(ONE_SHOT|DUTY_CYCLE|PHASE)"))),
    ("sg_ptp_pin_funcs", lambda: in_order(PTP, enum_names(PTP[0], "PTP_PF_NONE"))),
    ("sg_mtd_types", lambda: last_wins(MTD, numbers(MTD[0], r"MTD_(ABSENT|RAM|ROM|\w+FLASH|UBIVOLUME)"))),
    ("sg_mtd_flags", lambda: in_order(MTD, numbers(MTD[0], r"MTD_(\w+_WRITEABLE|WRITEABLE|NO_ERASE|POWERUP_LOCK|SLC_ON_MLC_EMULATION)"))),
    ("sg_mtd_otp", lambda: last_wins(MTD, numbers(MTD[0], r"MTD_OTP_\w+"))),
    ("sg_mtd_nandecc", lambda: last_wins(MTD, numbers(MTD[0], r"MTD_NANDECC_\w+"))),
    ("sg_mtd_ops", lambda: in_order(MTD, enum_names(MTD[0], "MTD_OPS_PLACE_OOB"))),
    ("sg_mtd_file_modes", lambda: in_order(MTD, enum_names(MTD[0], "MTD_FILE_MODE_NORMAL"))),
    ("sg_nbd_flags", lambda: in_order(["linux/nbd.h"], numbers("linux/nbd.h", r"NBD_FLAG_\w+"))),
    ("sg_ubi_volume_types", lambda: in_order(UBI, enum_names(UBI[0], "UBI_DYNAMIC_VOLUME"))),
    ("sg_ubi_volume_flags", lambda: in_order(UBI, enum_names(UBI[0], "UBI_VOL_SKIP_CRC_CHECK_FLG"))),
    ("sg_ubi_volume_props", lambda: in_order(UBI, enum_names(UBI[0], "UBI_VOL_PROP_DIRECT_WRITE"))),
    ("sg_ubi_data_types", lambda: UBI_DATA_TYPES),
    ("sg_bsg_protocols", lambda: last_wins(BSG, numbers(BSG[0], r"BSG_PROTOCOL_\w+"))),
    ("sg_bsg_subprotocols", lambda: last_wins(BSG, numbers(BSG[0], r"BSG_SUB_PROTOCOL_\w+"))),
    ("sg_bsg_flags", lambda: in_order(BSG, numbers(BSG[0], r"BSG_FLAG_\w+"))),
    ("sg_sg_resets", lambda: sorted(last_wins(["scsi/sg.h"], numbers("scsi/sg.h", r"SG_SCSI_RESET_\w+")) +
                                    SG_RESETS_NEWER)),
    ("sg_sg_reset_flags", lambda: SG_RESET_FLAGS),
    ("sg_dm_flags", lambda: sorted(in_order(["linux/dm-ioctl.h"],
                                            numbers("linux/dm-ioctl.h", r"DM_\w+_FLAG")) +
                                   DM_LIBDM_FLAGS)),
    ("sg_v4l2_buf_types", lambda: v4l2_enum("V4L2_BUF_TYPE_VIDEO_CAPTURE")),
    ("sg_v4l2_memories", lambda: v4l2_enum("V4L2_MEMORY_MMAP")),
    ("sg_v4l2_fields", lambda: v4l2_enum("V4L2_FIELD_ANY")),
    ("sg_v4l2_colorspaces", lambda: v4l2_enum("V4L2_COLORSPACE_SRGB")),
    ("sg_v4l2_ctrl_types", lambda: v4l2_enum("V4L2_CTRL_TYPE_INTEGER")),
    ("sg_v4l2_frmsize_types", lambda: v4l2_enum("V4L2_FRMSIZE_TYPE_DISCRETE")),
    ("sg_v4l2_frmival_types", lambda: v4l2_enum("V4L2_FRMIVAL_TYPE_DISCRETE")),
    ("sg_v4l2_tuner_types", lambda: v4l2_enum("V4L2_TUNER_RADIO")),
    # V4L2_CAP_TIMEPERFRAME is a streaming capability, not a device's
    ("sg_v4l2_caps", lambda: v4l2_defines(r"V4L2_CAP_\w+", r"V4L2_CAP_TIMEPERFRAME")),
    ("sg_v4l2_stream_caps", lambda: v4l2_defines(r"V4L2_CAP_TIMEPERFRAME")),
    ("sg_v4l2_capture_modes", lambda: v4l2_defines(r"V4L2_MODE_\w+")),
    ("sg_v4l2_fmt_flags", lambda: v4l2_defines(r"V4L2_FMT_FLAG_\w+")),
    ("sg_v4l2_pix_fmts", lambda: v4l2_defines(r"V4L2_PIX_FMT_\w+",
                                              r"V4L2_PIX_FMT_(PRIV_MAGIC|FLAG_\w+)")),
    ("sg_v4l2_sdr_fmts", lambda: v4l2_defines(r"V4L2_SDR_FMT_\w+")),
    ("sg_v4l2_meta_fmts", lambda: v4l2_defines(r"V4L2_META_FMT_\w+")),
    ("sg_v4l2_vbi_flags", lambda: v4l2_defines(r"V4L2_VBI_(UNSYNC|INTERLACED)")),
    ("sg_v4l2_sliced_flags", lambda: v4l2_defines(r"V4L2_SLICED_\w+",
                                                  r"V4L2_SLICED_VBI_(525|625)")),
    ("sg_v4l2_buf_flags", lambda: v4l2_defines(r"V4L2_BUF_FLAG_\w+",
                                               r"V4L2_BUF_FLAG_(TIMESTAMP|TSTAMP_SRC)_\w+")),
    ("sg_v4l2_buf_ts_types", lambda: v4l2_defines(r"V4L2_BUF_FLAG_TIMESTAMP_\w+",
                                                  r"V4L2_BUF_FLAG_TIMESTAMP_MASK")),
    ("sg_v4l2_buf_ts_srcs", lambda: v4l2_defines(r"V4L2_BUF_FLAG_TSTAMP_SRC_\w+",
                                                 r"V4L2_BUF_FLAG_TSTAMP_SRC_MASK")),
    ("sg_v4l2_input_types", lambda: v4l2_defines(r"V4L2_INPUT_TYPE_\w+")),
    ("sg_v4l2_cids", lambda: v4l2_defines(r"V4L2_CID_\w+",
                                          r"V4L2_CID_(BASE|\w*_BASE|\w*_CLASS|LASTP1|MAX_CTRLS|\w+_LASTP1)",
                                          CTRLS)),
    ("sg_v4l2_ctrl_classes", lambda: v4l2_defines(r"V4L2_CTRL_CLASS_\w+", None, CTRLS)),
    ("sg_v4l2_ctrl_next", lambda: v4l2_defines(r"V4L2_CTRL_FLAG_NEXT_\w+")),
    ("sg_v4l2_ctrl_flags", lambda: v4l2_defines(r"V4L2_CTRL_FLAG_\w+",
                                                r"V4L2_CTRL_FLAG_NEXT_\w+")),
    ("sg_v4l2_tuner_caps", lambda: v4l2_defines(r"V4L2_TUNER_CAP_\w+")),
    ("sg_v4l2_tuner_subs", lambda: v4l2_defines(r"V4L2_TUNER_SUB_\w+")),
    ("sg_v4l2_tuner_modes", lambda: v4l2_defines(r"V4L2_TUNER_MODE_\w+")),
    ("sg_kd_modes", lambda: kd_defines(r"KD_(TEXT|GRAPHICS|TEXT0|TEXT1)")),
    ("sg_kd_kbd_modes", lambda: kd_defines(r"K_(RAW|XLATE|MEDIUMRAW|UNICODE|OFF)")),
    ("sg_kd_kbd_types", lambda: kd_defines(r"KB_(84|101|OTHER)")),
    ("sg_kd_leds", lambda: kd_defines(r"LED_(SCR|NUM|CAP)")),
    ("sg_kd_default_leds", kd_default_leds),
    ("sg_kd_meta", lambda: kd_defines(r"K_(METABIT|ESCPREFIX)")),
    ("sg_kd_key_tables", lambda: kd_defines(r"K_(NORMTAB|SHIFTTAB|ALTTAB|ALTSHIFTTAB)")),
    ("sg_kd_keymap_flags", lambda: [(1 << v, "1<<" + n) for v, n in
                                    kd_defines(r"KG_\w+", None, "linux/keyboard.h")]),
    ("sg_kd_key_types", lambda: kd_defines(r"KT_\w+", None, "linux/keyboard.h")),
    ("sg_kd_keys", kd_keys),
    ("sg_kd_fn_vals", kd_fn_vals),
    ("sg_kd_font_ops", lambda: kd_defines(r"KD_FONT_OP_\w+")),
    ("sg_kd_font_flags", lambda: kd_defines(r"KD_FONT_FLAG_\w+")),
    ("sg_hdio_drive_cmds", lambda: [(v, "ATA_CMD_" + n) for v, n in ATA_CMDS]),
    ("sg_hdio_busstates", lambda: in_order(HDREG, enum_names(HDREG[0], "BUSSTATE_OFF"))),
    ("sg_hdio_ide_nice", hdio_nice),
    # the capabilities the kernel still reports (raw and pulse modes, and mode2
    # sending, are gone), by value
    ("sg_lirc_features", lambda: table(LIRC, define_names(
        LIRC[0], r"LIRC_CAN_\w+", r"LIRC_CAN_(\w+_RAW|SEND_MODE2|REC_PULSE|SEND_MASK|REC_MASK|SET_REC_FILTER|NOTIFY_DECODE|SEND|REC)"))),
    ("sg_lirc_modes", lambda: in_order(LIRC, define_names(LIRC[0], r"LIRC_MODE_[A-Z0-9]+"))),
    ("sg_tee_impl_ids", lambda: table(TEE, define_names(TEE[0], r"TEE_IMPL_ID_\w+"))),
    ("sg_tee_gen_caps", lambda: in_order(TEE, define_names(TEE[0], r"TEE_GEN_CAP_\w+"))),
    ("sg_tee_optee_caps", lambda: in_order(TEE, define_names(TEE[0], r"TEE_OPTEE_CAP_\w+"))),
    ("sg_tee_param_attr_types", lambda: table(TEE, define_names(
        TEE[0], r"TEE_IOCTL_PARAM_ATTR_TYPE_\w+", r"TEE_IOCTL_PARAM_ATTR_TYPE_MASK"))),
    # the kernel's own logins (TEE_IOCTL_LOGIN_REE_KERNEL...) are not named
    ("sg_tee_login_types", lambda: table(TEE, define_names(
        TEE[0], r"TEE_IOCTL_LOGIN_\w+", r"TEE_IOCTL_LOGIN_REE_KERNEL\w*"))),
    ("sg_tee_shm_flags", lambda: TEE_SHM_FLAGS),
    ("sg_tee_origins", lambda: TEE_ORIGINS),
    ("sg_gpio_line_flags", lambda: in_order(GPIO, define_names(GPIO[0], r"GPIOLINE_FLAG_\w+"))),
    ("sg_gpio_handle_flags", lambda: in_order(GPIO, define_names(GPIO[0], r"GPIOHANDLE_REQUEST_\w+"))),
    # both edges before either, as strace names 3
    ("sg_gpio_event_flags", lambda: in_order(GPIO, sorted(
        define_names(GPIO[0], r"GPIOEVENT_REQUEST_\w+"), key=lambda n: not n.endswith("BOTH_EDGES")))),
    ("sg_btrfs_snap_flags", lambda: btrfs(r"BTRFS_SUBVOL_(CREATE_ASYNC|RDONLY|QGROUP_INHERIT)")),
    ("sg_btrfs_qgroup_limit_flags", lambda: btrfs(r"BTRFS_QGROUP_LIMIT_[A-Z_]+", r"BTRFS_QGROUP_LIMIT_MAX")),
    ("sg_btrfs_qgroup_inherit_flags", lambda: btrfs(r"BTRFS_QGROUP_INHERIT_SET_LIMITS")),
    ("sg_btrfs_scrub_flags", lambda: btrfs(r"BTRFS_SCRUB_READONLY")),
    ("sg_btrfs_dev_replace_modes", lambda: btrfs(r"BTRFS_IOCTL_DEV_REPLACE_CONT_READING_FROM_SRCDEV_MODE_\w+")),
    ("sg_btrfs_dev_replace_states", lambda: btrfs(r"BTRFS_IOCTL_DEV_REPLACE_STATE_\w+")),
    ("sg_btrfs_dev_replace_cmds", lambda: btrfs(r"BTRFS_IOCTL_DEV_REPLACE_CMD_\w+")),
    ("sg_btrfs_dev_replace_results", lambda: btrfs(r"BTRFS_IOCTL_DEV_REPLACE_RESULT_\w+")),
    ("sg_btrfs_fs_info_flags", lambda: btrfs(r"BTRFS_FS_INFO_FLAG_\w+")),
    ("sg_btrfs_features_compat_ro", lambda: btrfs(r"BTRFS_FEATURE_COMPAT_RO_\w+")),
    ("sg_btrfs_features_incompat", lambda: btrfs(r"BTRFS_FEATURE_INCOMPAT_\w+")),
    ("sg_btrfs_balance_ctl_cmds", lambda: btrfs(r"BTRFS_BALANCE_CTL_\w+")),
    ("sg_btrfs_balance_flags", lambda: btrfs(r"BTRFS_BALANCE_(DATA|SYSTEM|METADATA|FORCE|RESUME)")),
    ("sg_btrfs_balance_args", lambda: btrfs(r"BTRFS_BALANCE_ARGS_\w+", r"BTRFS_BALANCE_ARGS_MASK")),
    ("sg_btrfs_balance_state", lambda: btrfs(r"BTRFS_BALANCE_STATE_\w+")),
    ("sg_btrfs_defrag_flags", lambda: btrfs(r"BTRFS_DEFRAG_RANGE_(COMPRESS|START_IO)")),
    ("sg_btrfs_logical_ino_flags", lambda: btrfs(r"BTRFS_LOGICAL_INO_ARGS_\w+")),
    ("sg_btrfs_dev_stats_values", lambda: in_order(BTRFS, enum_names(BTRFS[0], "BTRFS_DEV_STAT_WRITE_ERRS"))),
    ("sg_btrfs_dev_stats_flags", lambda: btrfs(r"BTRFS_DEV_STATS_RESET")),
    ("sg_btrfs_qgroup_ctl_cmds", lambda: btrfs(r"BTRFS_QUOTA_CTL_\w+")),
    ("sg_btrfs_send_flags", lambda: btrfs(r"BTRFS_SEND_FLAG_\w+", r"BTRFS_SEND_FLAG_MASK")),
    ("sg_btrfs_space_info_flags", lambda: btrfs(
        r"BTRFS_BLOCK_GROUP_(DATA|SYSTEM|METADATA|RAID0|RAID1|DUP|RAID10|RAID5|RAID6)|"
        r"BTRFS_AVAIL_ALLOC_BIT_SINGLE|BTRFS_SPACE_INFO_GLOBAL_RSV", None, "linux/btrfs_tree.h")),
    ("sg_btrfs_compress_types", lambda: BTRFS_COMPRESS),
    ("sg_btrfs_csum_types", lambda: BTRFS_CSUM),
    ("sg_btrfs_objectids", btrfs_objectids),
    ("sg_btrfs_key_types", btrfs_key_types),
    ("sg_gpio_v2_line_flags", lambda: in_order(GPIO, enum_names(GPIO[0], "GPIO_V2_LINE_FLAG_USED"))),
]


def emit(out, cname, rows):
    out.append("const struct sg_flag %s[] = {\n" % cname)
    out += ['\t{ %#x, "%s" },\n' % (v & 0xffffffffffffffff, n) for v, n in rows]
    out.append("\tSG_FLAG_END,\n};\n\n")


def main():
    out = ["/* Generated by scripts/gen-ioctl-args.py from the kernel's UAPI headers. */\n",
           '#include "ioctl_arg_names.h"\n\n']
    for cname, rows in TABLES:
        emit(out, cname, rows())
    with open(OUT + ".tmp", "w") as f:
        f.write("".join(out))
    os.rename(OUT + ".tmp", OUT)
    decl = "".join("extern const struct sg_flag %s[];\n" % c for c, _ in TABLES)
    with open(HDR + ".tmp", "w") as f:
        f.write("/* The names the ioctl families print in their arguments, generated from\n"
                " * the UAPI headers by scripts/gen-ioctl-args.py into ioctl_arg_names.c. */\n"
                "#ifndef SG_CORE_IOCTL_ARG_NAMES_H\n#define SG_CORE_IOCTL_ARG_NAMES_H\n\n"
                '#include "decode_int.h"\n\n' + decl + "\n#endif\n")
    os.rename(HDR + ".tmp", HDR)
    print("gen-ioctl-args: %d tables" % len(TABLES))


if __name__ == "__main__":
    sys.exit(main())
