/* The names the ioctl families print in their arguments, generated from
 * the UAPI headers by scripts/gen-ioctl-args.py into ioctl_arg_names.c. */
#ifndef SG_CORE_IOCTL_ARG_NAMES_H
#define SG_CORE_IOCTL_ARG_NAMES_H

#include "decode_int.h"

extern const struct sg_flag sg_evdev_ev[];
extern const struct sg_flag sg_evdev_keys[];
extern const struct sg_flag sg_evdev_abs[];
extern const struct sg_flag sg_evdev_rel[];
extern const struct sg_flag sg_evdev_msc[];
extern const struct sg_flag sg_evdev_sw[];
extern const struct sg_flag sg_evdev_led[];
extern const struct sg_flag sg_evdev_snd[];
extern const struct sg_flag sg_evdev_rep[];
extern const struct sg_flag sg_evdev_prop[];
extern const struct sg_flag sg_evdev_ff[];
extern const struct sg_flag sg_evdev_ff_status[];
extern const struct sg_flag sg_kvm_caps[];
extern const struct sg_flag sg_sg_dxfer[];
extern const struct sg_flag sg_sg_io_flags[];
extern const struct sg_flag sg_sg_info[];
extern const struct sg_flag sg_ptp_extts_flags[];
extern const struct sg_flag sg_ptp_perout_flags[];
extern const struct sg_flag sg_ptp_pin_funcs[];
extern const struct sg_flag sg_mtd_types[];
extern const struct sg_flag sg_mtd_flags[];
extern const struct sg_flag sg_mtd_otp[];
extern const struct sg_flag sg_mtd_nandecc[];
extern const struct sg_flag sg_mtd_ops[];
extern const struct sg_flag sg_mtd_file_modes[];
extern const struct sg_flag sg_nbd_flags[];
extern const struct sg_flag sg_ubi_volume_types[];
extern const struct sg_flag sg_ubi_volume_flags[];
extern const struct sg_flag sg_ubi_volume_props[];
extern const struct sg_flag sg_ubi_data_types[];
extern const struct sg_flag sg_dm_flags[];
extern const struct sg_flag sg_v4l2_buf_types[];
extern const struct sg_flag sg_v4l2_memories[];
extern const struct sg_flag sg_v4l2_fields[];
extern const struct sg_flag sg_v4l2_colorspaces[];
extern const struct sg_flag sg_v4l2_ctrl_types[];
extern const struct sg_flag sg_v4l2_frmsize_types[];
extern const struct sg_flag sg_v4l2_frmival_types[];
extern const struct sg_flag sg_v4l2_tuner_types[];
extern const struct sg_flag sg_v4l2_caps[];
extern const struct sg_flag sg_v4l2_stream_caps[];
extern const struct sg_flag sg_v4l2_capture_modes[];
extern const struct sg_flag sg_v4l2_fmt_flags[];
extern const struct sg_flag sg_v4l2_pix_fmts[];
extern const struct sg_flag sg_v4l2_sdr_fmts[];
extern const struct sg_flag sg_v4l2_meta_fmts[];
extern const struct sg_flag sg_v4l2_vbi_flags[];
extern const struct sg_flag sg_v4l2_sliced_flags[];
extern const struct sg_flag sg_v4l2_buf_flags[];
extern const struct sg_flag sg_v4l2_buf_ts_types[];
extern const struct sg_flag sg_v4l2_buf_ts_srcs[];
extern const struct sg_flag sg_v4l2_input_types[];
extern const struct sg_flag sg_v4l2_cids[];
extern const struct sg_flag sg_v4l2_ctrl_classes[];
extern const struct sg_flag sg_v4l2_ctrl_next[];
extern const struct sg_flag sg_v4l2_ctrl_flags[];
extern const struct sg_flag sg_v4l2_tuner_caps[];
extern const struct sg_flag sg_v4l2_tuner_subs[];
extern const struct sg_flag sg_v4l2_tuner_modes[];
extern const struct sg_flag sg_kd_modes[];
extern const struct sg_flag sg_kd_kbd_modes[];
extern const struct sg_flag sg_kd_kbd_types[];
extern const struct sg_flag sg_kd_leds[];
extern const struct sg_flag sg_kd_default_leds[];
extern const struct sg_flag sg_kd_meta[];
extern const struct sg_flag sg_kd_key_tables[];
extern const struct sg_flag sg_kd_keymap_flags[];
extern const struct sg_flag sg_kd_key_types[];
extern const struct sg_flag sg_kd_keys[];
extern const struct sg_flag sg_kd_fn_vals[];
extern const struct sg_flag sg_kd_font_ops[];
extern const struct sg_flag sg_kd_font_flags[];
extern const struct sg_flag sg_hdio_drive_cmds[];
extern const struct sg_flag sg_hdio_busstates[];
extern const struct sg_flag sg_hdio_ide_nice[];
extern const struct sg_flag sg_lirc_features[];
extern const struct sg_flag sg_lirc_modes[];
extern const struct sg_flag sg_tee_impl_ids[];
extern const struct sg_flag sg_tee_gen_caps[];
extern const struct sg_flag sg_tee_optee_caps[];
extern const struct sg_flag sg_tee_param_attr_types[];
extern const struct sg_flag sg_tee_login_types[];
extern const struct sg_flag sg_tee_shm_flags[];
extern const struct sg_flag sg_tee_origins[];
extern const struct sg_flag sg_gpio_line_flags[];
extern const struct sg_flag sg_gpio_handle_flags[];
extern const struct sg_flag sg_gpio_event_flags[];
extern const struct sg_flag sg_gpio_v2_line_flags[];

#endif
